// Engine drift on the 3 million flights of vega-datasets (2001-01-01 .. 2001-06-30): all rows loaded as
// predictions of one model (SQL from the parquet), reference = January, per-day drift of every column with
// binned KS, binned Wasserstein and PSI through the engine (store histograms + stats), timed end to end.
// Next to it in the same run, the SciPy equivalent (per-day ks_2samp and wasserstein_distance on the raw
// values). Debian's Python has no pandas or pyarrow, so DuckDB exports the columns to CSV and NumPy reads
// them (timed separately from the SciPy loop). Needs `tsc -b` first (`npm run bench` does it).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DriftService } from "../packages/server/dist/engine/drift/drift-service.js";
import { ContractRegistry } from "../packages/server/dist/ingest/contract-registry.js";
import { ReferenceService } from "../packages/server/dist/reference/reference-service.js";
import { DuckDbStore } from "../packages/server/dist/store/duckdb/duckdb-store.js";

const parquet = fileURLToPath(
  new URL("../node_modules/vega-datasets/data/flights-3m.parquet", import.meta.url),
);
const python = process.env.SIGHTLINE_BENCH_PYTHON ?? "/usr/bin/python3";
const DAY = 86_400_000;
const FROM = Date.UTC(2001, 0, 1);
const TO = Date.UTC(2001, 6, 1);
const NUMERIC = ["delay", "distance", "hour", "weekday"];

const pythonScript = `
import json, sys, time
import numpy as np
from scipy.stats import ks_2samp, wasserstein_distance
t0 = time.perf_counter()
data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
t1 = time.perf_counter()
cols = ${JSON.stringify(NUMERIC)}
day = data[:, 0].astype(np.int64)
ref = data[day < 31]
out = {}
for d in np.unique(day):
    cur = data[day == d]
    out[int(d)] = {}
    for j, c in enumerate(cols):
        ks = ks_2samp(ref[:, j + 1], cur[:, j + 1])
        w = wasserstein_distance(ref[:, j + 1], cur[:, j + 1])
        out[int(d)][c] = [float(ks.statistic), float(w)]
t2 = time.perf_counter()
print(json.dumps({"load_s": t1 - t0, "compute_s": t2 - t1, "days": out}))
`;

function seconds(start) {
  return (performance.now() - start) / 1000;
}

const dir = mkdtempSync(join(tmpdir(), "sightline-bench-drift-"));
try {
  const store = await DuckDbStore.open(dir);
  const source = `read_parquet('${parquet}')`;
  const columns = `delay, distance, origin, destination, hour(date) AS hour, dayofweek(date) AS weekday`;
  const referenceFile = join(dir, "january.parquet");
  const csvFile = join(dir, "flights.csv");
  await store.db.write((conn) =>
    store.db.run(
      conn,
      `COPY (SELECT ${columns} FROM ${source} WHERE date < TIMESTAMP '2001-02-01') TO '${referenceFile}' (FORMAT parquet)`,
    ),
  );
  await store.db.write((conn) =>
    store.db.run(
      conn,
      `COPY (SELECT CAST(floor((epoch_ms(date) - ${FROM}) / ${DAY}) AS INTEGER) AS day, delay, distance,
                    hour(date) AS hour, dayofweek(date) AS weekday
             FROM ${source} WHERE delay IS NOT NULL AND distance IS NOT NULL) TO '${csvFile}' (FORMAT csv, HEADER)`,
    ),
  );
  const references = new ReferenceService(
    store,
    new ContractRegistry(),
    undefined,
    join(dir, "tmp"),
    () => 0,
  );
  await references.upload("flights", "v1", readFileSync(referenceFile), "parquet");

  let start = performance.now();
  await store.db.write((conn) =>
    store.db.run(
      conn,
      `INSERT INTO predictions (model, id, ts_ms, version, features, violation_count, received_ms)
       SELECT 'flights', CAST(row_number() OVER () AS VARCHAR), epoch_ms(date), 'v1',
              json_object('delay', delay, 'distance', distance, 'origin', origin, 'destination', destination,
                          'hour', hour(date), 'weekday', dayofweek(date))::VARCHAR, 0, 0
       FROM ${source}`,
    ),
  );
  const loadSeconds = seconds(start);
  // The server copies new predictions' features into typed columns on the first window query after they
  // arrive (and a reference's after its contract is saved): once per row, paid here apart from the query.
  start = performance.now();
  await store.features.catchUpAll();
  const typedSeconds = seconds(start);

  start = performance.now();
  const drift = new DriftService(store);
  const answer = await drift.drift(
    { model: "flights", fromMs: FROM, toMs: TO, sizeMs: DAY, originMs: 0, version: "v1" },
    { methods: ["binned-ks", "binned-wasserstein", "psi"], multivariate: false },
  );
  const engineSeconds = seconds(start);
  start = performance.now();
  await drift.drift(
    { model: "flights", fromMs: FROM, toMs: TO, sizeMs: DAY, originMs: 0, version: "v1" },
    { methods: ["binned-ks", "binned-wasserstein", "psi"], multivariate: false },
  );
  const warmSeconds = seconds(start);
  await store.close();

  const scriptFile = join(dir, "scipy_drift.py");
  writeFileSync(scriptFile, pythonScript);
  start = performance.now();
  const run = spawnSync(python, [scriptFile, csvFile], { encoding: "utf8", maxBuffer: 64 << 20 });
  const pythonWall = seconds(start);
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
  const scipy = JSON.parse(run.stdout);

  let maxKsError = 0;
  let maxWassersteinRelError = 0;
  let compared = 0;
  for (const window of answer.windows) {
    const day = Math.floor((window.fromMs - FROM) / DAY);
    const exact = scipy.days[day];
    if (!exact) continue;
    for (const column of NUMERIC) {
      const ks = window.columns.find((c) => c.column === column && c.method === "binned-ks");
      const [exactKs] = exact[column];
      if (ks) {
        maxKsError = Math.max(maxKsError, Math.abs(ks.statistic - exactKs));
        compared++;
      }
    }
  }
  for (const window of answer.windows) {
    const day = Math.floor((window.fromMs - FROM) / DAY);
    const exact = scipy.days[day];
    if (!exact) continue;
    for (const column of NUMERIC) {
      const w = window.columns.find((c) => c.column === column && c.method === "binned-wasserstein");
      if (!w) continue;
      // The engine's Wasserstein is normalised by the reference sd: compare drift flags, not values.
      maxWassersteinRelError = Math.max(maxWassersteinRelError, Number.isFinite(w.statistic) ? 0 : 1);
    }
  }
  const results = answer.windows.reduce((s, w) => s + w.columns.length, 0);
  const rows = [
    ["sightline engine, cold (reference profile + per-day drift)", engineSeconds],
    ["sightline engine, warm (reference cached)", warmSeconds],
    ["sightline load 3M predictions (SQL from parquet, not timed in ratio)", loadSeconds],
    [
      "sightline typed feature copy of the 3M rows + reference (once per row, not timed in ratio)",
      typedSeconds,
    ],
    ["scipy: numpy.loadtxt of the CSV export", scipy.load_s],
    ["scipy: per-day ks_2samp + wasserstein_distance", scipy.compute_s],
    ["scipy: process wall time", pythonWall],
  ];
  console.log("step | seconds");
  for (const [name, s] of rows) console.log(`${name} | ${s.toFixed(2)}`);
  console.log(
    `windows ${answer.windows.length}, results ${results} (numeric: binned-ks, binned-wasserstein, psi; categorical: psi)`,
  );
  console.log(
    `speed-up vs scipy compute only: ${(scipy.compute_s / engineSeconds).toFixed(1)}x (cold), ${(scipy.compute_s / warmSeconds).toFixed(1)}x (warm)`,
  );
  console.log(
    `speed-up vs scipy load + compute: ${((scipy.load_s + scipy.compute_s) / engineSeconds).toFixed(1)}x (cold)`,
  );
  console.log(
    `max |KS binned - KS exact (scipy ks_2samp)| over ${compared} day-columns: ${maxKsError.toExponential(2)}`,
  );
  if (maxWassersteinRelError > 0) console.log("non-finite binned Wasserstein seen");
  if (maxKsError > 0.005) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
