// What the observed label delay of performance monitors costs: the label lag p95 over the 30 days of label
// time before the clock (PerformanceStore.labelLag, read once per model at each window close), on the 3
// million flights of vega-datasets (Feb-Jun as predictions, labels 1-97 hours after each flight), next to
// what a window close already pays for the same monitor in the same run: the performance report of the
// closing day (PerformanceService.report, the performance check provider's query). Wall and process CPU
// time (DuckDB's threads included) per call, median of BENCH_LAG_REPEATS (default 15) clocks spread over
// June. BENCH_LAG_ROWS takes every k-th row instead (default all 3,000,000). Needs `tsc -b` first.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  LABEL_LAG_QUANTILE,
  LABEL_LAG_SPAN_MS,
  observedLabelDelay,
} from "../packages/server/dist/engine/monitors/observed-label-delay.js";
import { PerformanceService } from "../packages/server/dist/engine/performance/performance-service.js";
import { DuckDbStore } from "../packages/server/dist/store/duckdb/duckdb-store.js";

const parquet = fileURLToPath(
  new URL("../node_modules/vega-datasets/data/flights-3m.parquet", import.meta.url),
);
const limit = Number(process.env.BENCH_LAG_ROWS ?? 3_000_000);
const repeats = Number(process.env.BENCH_LAG_REPEATS ?? 15);
const hour = 3_600_000;
const day = 24 * hour;
const february = Date.UTC(2001, 1, 1);
const june = Date.UTC(2001, 5, 1);
const dir = mkdtempSync(join(tmpdir(), "sightline-bench-lag-"));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Wall and process CPU milliseconds of each call, median over the clocks. */
async function timed(clocks, call) {
  const wall = [];
  const cpu = [];
  let last;
  for (const clock of clocks) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = await call(clock);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu), last };
}

try {
  const store = await DuckDbStore.open(dir);
  const db = store.db;
  const t = performance.now();
  await db.write(async (conn) => {
    await db.run(
      conn,
      `CREATE TABLE flights AS
       SELECT row_number() OVER () AS i, epoch_ms(date) AS ts, (delay > 15)::INT AS y FROM read_parquet('${parquet}')
       QUALIFY row_number() OVER () % ${Math.max(1, Math.round(3_000_000 / limit))} = 0`,
    );
    await db.run(
      conn,
      `INSERT INTO predictions (model, id, ts_ms, version, features, prediction, prediction_num, score,
                                violation_count, received_ms)
       SELECT 'flights', i::VARCHAR, ts, 'v1', '{}', y::VARCHAR, y, NULL, 0, ts FROM flights WHERE ts >= ${february}`,
    );
    await db.run(
      conn,
      `INSERT INTO labels SELECT 'flights', i::VARCHAR, y::VARCHAR, y, ts + ${hour} * (1 + i % 97), ts
       FROM flights WHERE ts >= ${february}`,
    );
  });
  const [{ n }] = await db.read("SELECT count(*) AS n FROM labels");
  console.log(
    `loaded ${n} predictions and labels (Feb-Jun) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const clocks = Array.from(
    { length: repeats },
    (_, k) => june + Math.floor((k * 29 * day) / repeats / day) * day,
  );
  const span = (clock) => ({ fromMs: clock - LABEL_LAG_SPAN_MS, toMs: clock, quantile: LABEL_LAG_QUANTILE });
  const service = new PerformanceService(store.performance);
  // Warm both paths once (first reads of the tables).
  await store.performance.labelLag("flights", span(june));
  await service.report({ model: "flights", version: "v1", fromMs: june - day, toMs: june, windowMs: day });
  const lag = await timed(clocks, (clock) => store.performance.labelLag("flights", span(clock)));
  const report = await timed(clocks, (clock) =>
    service.report({ model: "flights", version: "v1", fromMs: clock - day, toMs: clock, windowMs: day }),
  );
  const delay = observedLabelDelay(lag.last);
  console.log(
    `label lag p95 over ${lag.last.labels} labels: ${(lag.last.quantileMs / hour).toFixed(2)} h -> delay ${delay.delayMs / hour} h`,
  );
  console.log(
    `labelLag per window close: ${lag.wallMs.toFixed(1)} ms wall, ${lag.cpuMs.toFixed(1)} ms CPU (median of ${repeats})`,
  );
  console.log(
    `one day's performance report (the check it already runs): ${report.wallMs.toFixed(1)} ms wall, ${report.cpuMs.toFixed(1)} ms CPU`,
  );
  console.log(
    `lag / report: ${(lag.wallMs / report.wallMs).toFixed(2)} wall, ${(lag.cpuMs / report.cpuMs).toFixed(2)} CPU`,
  );
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
