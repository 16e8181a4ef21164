// Per-day plus cumulative performance of the 3 million flights (vega-datasets flights-3m.parquet) against
// the January reference, on a real DuckDB store, next to the same numbers computed the way teams write it
// today (NumPy + scikit-learn per day and on every growing prefix, Debian's /usr/bin/python3), in one run.
// The "model" is a fixed logistic score of departure hour and distance; the label is delay > 15 minutes,
// arriving a day after the flight. Sightline's time is the whole `GET /performance` computation (every
// aggregate query, metrics, cumulative, CBPE); Python's is the metric loop on arrays already in memory.
// BENCH_PERF_ROWS takes every k-th row instead (default all 3,000,000). Ratios are only comparable within one run.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PerformanceService } from "../packages/server/dist/engine/performance/performance-service.js";
import { DuckDbStore } from "../packages/server/dist/store/duckdb/duckdb-store.js";

const parquet = fileURLToPath(
  new URL("../node_modules/vega-datasets/data/flights-3m.parquet", import.meta.url),
);
const limit = Number(process.env.BENCH_PERF_ROWS ?? 3_000_000);
const day = 86_400_000;
const february = Date.UTC(2001, 1, 1);
const july = Date.UTC(2001, 6, 1);
const dir = mkdtempSync(join(tmpdir(), "sightline-bench-perf-"));

const scored = `
  SELECT row_number() OVER () AS i, epoch_ms(date) AS ts, (delay > 15)::INT AS y,
         round(1 / (1 + exp(-(-2.3 + 0.09 * (hour(date) - 6) + 0.15 * ln(greatest(distance, 50) / 500)))), 6) AS s
  FROM read_parquet('${parquet}')
  QUALIFY row_number() OVER () % ${Math.max(1, Math.round(3_000_000 / limit))} = 0`;

try {
  const store = await DuckDbStore.open(dir);
  const db = store.db;
  let t = performance.now();
  await db.write(async (conn) => {
    await db.run(conn, `CREATE TABLE flights AS ${scored}`);
    await db.run(
      conn,
      `INSERT INTO predictions (model, id, ts_ms, version, features, prediction, prediction_num, score,
                                violation_count, received_ms)
       SELECT 'flights', i::VARCHAR, ts, 'v1', '{}', (s >= 0.25)::INT::VARCHAR, (s >= 0.25)::INT, s, 0, ts
       FROM flights WHERE ts >= ${february}`,
    );
    await db.run(
      conn,
      `INSERT INTO labels SELECT 'flights', i::VARCHAR, y::VARCHAR, y, ts + ${day}, ts + ${day}
       FROM flights WHERE ts >= ${february}`,
    );
    await db.run(
      conn,
      `INSERT INTO reference_rows SELECT 'flights', 'v1', i, json_object('score', s)::VARCHAR,
              (s >= 0.25)::INT::VARCHAR, y::VARCHAR
       FROM flights WHERE ts < ${february}`,
    );
  });
  const [{ n }] = await db.read("SELECT count(*) AS n FROM predictions");
  console.log(
    `loaded ${n} predictions and labels (Feb-Jun) and the January reference in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const service = new PerformanceService(store.performance);
  const query = { model: "flights", version: "v1", fromMs: february, toMs: july, windowMs: day };
  let report;
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 2; r++) {
    t = performance.now();
    report = await service.report(query);
    best = Math.min(best, performance.now() - t);
  }
  console.log(
    `sightline: ${report.windows.length} daily windows + cumulative + CBPE in ${(best / 1000).toFixed(2)} s (best of 2)`,
  );

  // The same rows for Python, as raw float64 columns (day, label, prediction, score): setup, not timed.
  const rows = await db.read(
    `SELECT (ts - ${february}) // ${day} AS d, y, (s >= 0.25)::INT AS p, s FROM flights WHERE ts >= ${february} AND ts < ${july} ORDER BY ts`,
  );
  for (const column of ["d", "y", "p", "s"]) {
    writeFileSync(
      join(dir, `${column}.f64`),
      Buffer.from(Float64Array.from(rows, (r) => Number(r[column])).buffer),
    );
  }
  const python = `
import json, sys, time
import numpy as np
from sklearn import metrics
d, y, p, s = (np.fromfile(f"${dir}/{c}.f64") for c in "dyps")
t = time.perf_counter()
out = []
for k in range(int(d.max()) + 1):
    m = d == k
    c = d <= k
    row = {}
    for name, mask in (("day", m), ("cumulative", c)):
        yt, yp, ys = y[mask], p[mask], s[mask]
        row[name] = {"accuracy": metrics.accuracy_score(yt, yp), "f1": metrics.f1_score(yt, yp),
                     "roc_auc": metrics.roc_auc_score(yt, ys), "average_precision": metrics.average_precision_score(yt, ys),
                     "log_loss": metrics.log_loss(yt, ys, labels=[0, 1]), "brier": metrics.brier_score_loss(yt, ys)}
    out.append(row)
json.dump({"seconds": time.perf_counter() - t, "windows": out}, sys.stdout)
`;
  const answer = JSON.parse(
    execFileSync("/usr/bin/python3", ["-c", python], { encoding: "utf8", maxBuffer: 1 << 26 }),
  );
  console.log(
    `numpy + scikit-learn: the same metrics per day and cumulative in ${answer.seconds.toFixed(2)} s`,
  );
  console.log(`speed-up: ${(answer.seconds / (best / 1000)).toFixed(1)}x`);

  let worstExact = 0;
  let worstAuc = 0;
  let aucWithinBound = true;
  report.windows.forEach((w, k) => {
    const py = answer.windows[k];
    for (const [ours, theirs] of [
      [w.metrics, py.day],
      [w.cumulative.metrics, py.cumulative],
    ]) {
      for (const m of ["accuracy", "f1", "log_loss", "brier"])
        worstExact = Math.max(worstExact, Math.abs(ours[m] - theirs[m]));
      const gap = Math.abs(ours.roc_auc - theirs.roc_auc);
      worstAuc = Math.max(worstAuc, gap);
      if (gap > ours.roc_auc_max_error + 1e-12) aucWithinBound = false;
    }
  });
  const estimates = report.windows.map(
    (w) => Math.abs(w.estimated.metrics.f1 - w.metrics.f1) <= w.estimated.expected_error.f1,
  );
  console.log(
    `agreement: accuracy/F1/log loss/Brier within ${worstExact.toExponential(1)}; ROC AUC (scores binned to 3 decimals) within ${worstAuc.toExponential(1)}, ${aucWithinBound ? "inside" : "OUTSIDE"} the stated bound; CBPE F1 within its 95% error on ${estimates.filter(Boolean).length} of ${estimates.length} days`,
  );
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
