// Segment queries on the 3 million flights of vega-datasets (2001-01-01 .. 2001-06-30), loaded as predictions
// of one model with a contract (reference = January) and three tags per prediction (origin, destination,
// part of day), a score and a label a day later. Timed on one store, in one run: the segment listing
// (`GET /segments`), per-day drift of every column with and without a segment filter (DriftService over the
// window store) and the per-day performance report with and without the filter (PerformanceService). The
// listing and the drift are timed twice: on the typed table (tags as a map, features as columns) and on the
// JSON only (stores built without the materializer: what a model without a contract gets, and what every
// segment query did before the tags were copied).
// Each is timed warm (best of BENCH_SEG_REPEAT, default 3), wall clock and this process's CPU (DuckDB's
// threads included), since the machine is shared. BENCH_SEG_ROWS takes every k-th row (default all).
// Needs `tsc -b` first (`npm run bench` does it).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DriftService } from "../packages/server/dist/engine/drift/drift-service.js";
import { PerformanceService } from "../packages/server/dist/engine/performance/performance-service.js";
import { ContractRegistry } from "../packages/server/dist/ingest/contract-registry.js";
import { ReferenceService } from "../packages/server/dist/reference/reference-service.js";
import { DuckDbSegmentStore } from "../packages/server/dist/store/duckdb/duckdb-segment-store.js";
import { DuckDbStore } from "../packages/server/dist/store/duckdb/duckdb-store.js";
import { DuckDbWindowStore } from "../packages/server/dist/store/duckdb/duckdb-window-store.js";

const parquet = fileURLToPath(
  new URL("../node_modules/vega-datasets/data/flights-3m.parquet", import.meta.url),
);
const limit = Number(process.env.BENCH_SEG_ROWS ?? 3_000_000);
const repeat = Number(process.env.BENCH_SEG_REPEAT ?? 3);
const DAY = 86_400_000;
const FROM = Date.UTC(2001, 0, 1);
const FEBRUARY = Date.UTC(2001, 1, 1);
const TO = Date.UTC(2001, 6, 1);
const segment = { tag: "origin", value: "ORD" };

async function timed(name, work) {
  let best = { wallMs: Number.POSITIVE_INFINITY, cpuMs: 0 };
  let answer;
  for (let r = 0; r < repeat; r++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    answer = await work();
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (wallMs < best.wallMs) best = { wallMs, cpuMs: (used.user + used.system) / 1000 };
  }
  console.log(
    `${name.padEnd(34)} ${(best.wallMs / 1000).toFixed(2).padStart(7)} s wall ${(best.cpuMs / 1000).toFixed(2).padStart(7)} s cpu`,
  );
  return answer;
}

const dir = mkdtempSync(join(tmpdir(), "sightline-bench-segments-"));
try {
  const store = await DuckDbStore.open(dir);
  const db = store.db;
  const every = Math.max(1, Math.round(3_000_000 / limit));
  const referenceFile = join(dir, "january.parquet");
  let start = performance.now();
  await db.write(async (conn) => {
    await db.run(
      conn,
      `CREATE TABLE flights AS
       SELECT row_number() OVER () AS i, epoch_ms(date) AS ts, delay, distance, origin, destination,
              hour(date) AS hour, dayofweek(date) AS weekday, (delay > 15)::INT AS y,
              round(1 / (1 + exp(-(-2.3 + 0.09 * (hour(date) - 6) + 0.15 * ln(greatest(distance, 50) / 500)))), 6) AS s
       FROM read_parquet('${parquet}')
       QUALIFY row_number() OVER () % ${every} = 0`,
    );
    await db.run(
      conn,
      `COPY (SELECT delay, distance, origin, destination, hour, weekday FROM flights WHERE ts < ${FEBRUARY})
       TO '${referenceFile}' (FORMAT parquet)`,
    );
    await db.run(
      conn,
      `INSERT INTO predictions (model, id, ts_ms, version, features, prediction, prediction_num, score, tags,
                                violation_count, received_ms)
       SELECT 'flights', i::VARCHAR, ts, 'v1',
              json_object('delay', delay, 'distance', distance, 'origin', origin, 'destination', destination,
                          'hour', hour, 'weekday', weekday)::VARCHAR,
              (s >= 0.25)::INT::VARCHAR, (s >= 0.25)::INT, s,
              json_object('origin', origin, 'destination', destination,
                          'daypart', CASE WHEN hour < 6 THEN 'night' WHEN hour < 12 THEN 'morning'
                                          WHEN hour < 18 THEN 'afternoon' ELSE 'evening' END)::VARCHAR,
              0, ts
       FROM flights`,
    );
    await db.run(
      conn,
      `INSERT INTO labels SELECT 'flights', i::VARCHAR, y::VARCHAR, y, ts + ${DAY}, ts + ${DAY}
       FROM flights WHERE y IS NOT NULL`,
    );
  });
  const references = new ReferenceService(
    store,
    new ContractRegistry(),
    undefined,
    join(dir, "tmp"),
    () => 0,
  );
  await references.upload("flights", "v1", readFileSync(referenceFile), "parquet");
  const [{ n }] = await db.read("SELECT count(*) AS n FROM predictions");
  const [{ m }] = await db.read(
    "SELECT count(*) AS m FROM predictions WHERE json_extract_string(tags, '$.origin') = ?",
    [segment.value],
  );
  console.log(
    `loaded ${n} predictions (${m} with origin:${segment.value}), labels and the reference in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  start = performance.now();
  await store.features.catchUpAll();
  console.log(
    `typed copy (once per row, apart from the queries): ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );

  const listing = { model: "flights", fromMs: FROM, toMs: TO, valuesPerTag: 20, maxTags: 50 };
  await timed("segments listing, JSON", () => new DuckDbSegmentStore(db).topValues(listing));
  await timed("segments listing, typed", () => store.segments.topValues(listing));
  // The JSON-only window store behind the same engine: the same answers, read from the JSON.
  const jsonStore = Object.create(store, { windows: { value: new DuckDbWindowStore(db) } });
  const scope = { model: "flights", fromMs: FEBRUARY, toMs: TO, sizeMs: DAY, originMs: 0, version: "v1" };
  const options = { methods: ["binned-ks", "binned-wasserstein", "psi"], multivariate: false };
  for (const [name, target] of [
    ["JSON", jsonStore],
    ["typed", store],
  ]) {
    const drift = new DriftService(target);
    await timed(`per-day drift, all rows, ${name}`, () => drift.drift(scope, options));
    await timed(`per-day drift, origin:${segment.value}, ${name}`, () =>
      drift.drift({ ...scope, segment }, options),
    );
  }
  const service = new PerformanceService(store.performance);
  const query = { model: "flights", version: "v1", fromMs: FEBRUARY, toMs: TO, windowMs: DAY };
  await timed("per-day performance, all rows", () => service.report(query));
  await timed(`per-day performance, origin:${segment.value}`, () => service.report({ ...query, segment }));
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
