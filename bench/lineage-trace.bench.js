// Lineage traces on a big history: 100,000 runs (20,000 five-step pipelines clean → featuregen → split → train →
// inference) and 10,000,000 predictions in a temporary DuckDB file. The history is bulk-loaded with SQL
// (`INSERT … SELECT FROM range(…)`), laid out as the store lays it out; the last pipeline is recorded through
// the lineage service, so its dependencies are resolved the normal way against the 100,000 runs before it.
// Then: a prediction trace (median of 50), a run trace, and the forward impact of a cleaning run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LineageService } from "../packages/server/dist/lineage/lineage-service.js";
import { parseRunBody } from "../packages/server/dist/lineage/parse-run.js";
import { DuckDbStore } from "../packages/server/dist/store/duckdb/duckdb-store.js";

const pipelines = Number(process.env.BENCH_LINEAGE_PIPELINES ?? 20_000);
const predictions = Number(process.env.BENCH_LINEAGE_PREDICTIONS ?? 10_000_000);
const repeats = 50;
const t0 = Date.UTC(2024, 0, 1);
const stepMs = 60_000;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function timeMany(fn) {
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return { median: median(times), p95: percentile(times, 0.95) };
}

async function seed(db, seeded) {
  const sql = (text) => db.write((conn) => db.run(conn, text));
  // Pipeline i starts at t0 + i minutes; step k runs from +k*10 s to +k*10 s + 5 s.
  await sql(`
    INSERT INTO lineage_components
    SELECT name, NULL, NULL, '{}', ${t0}, ${t0}
    FROM (VALUES ('clean'), ('featuregen'), ('split'), ('train'), ('inference')) c(name)`);
  await sql(`
    INSERT INTO lineage_runs
    SELECT 'run-' || s.name || '-' || i, s.name, ${t0} + i * ${stepMs} + s.k * 10000,
           ${t0} + i * ${stepMs} + s.k * 10000 + 5000, ${t0} + i * ${stepMs} + s.k * 10000 + 5000,
           'success', NULL, NULL, NULL, NULL, NULL, NULL, NULL, ${t0}
    FROM range(${seeded}) r(i),
         (VALUES (0, 'clean'), (1, 'featuregen'), (2, 'split'), (3, 'train'), (4, 'inference')) s(k, name)`);
  await sql(`
    INSERT INTO lineage_run_artifacts
    SELECT 'run-' || a.component || '-' || i, a.direction, a.position,
           replace(a.artifact, '{i}', i::VARCHAR), NULL, a.kind,
           CASE WHEN a.producer IS NULL THEN NULL ELSE 'run-' || a.producer || '-' || i END,
           ${t0} + i * ${stepMs} + a.k * 10000, ${t0} + i * ${stepMs} + a.k * 10000 + 5000
    FROM range(${seeded}) r(i), (VALUES
      (0, 'clean', 'input', 0, 's3://raw/{i}.csv', 'data', NULL),
      (0, 'clean', 'output', 0, 's3://lake/clean/{i}.parquet', 'data', NULL),
      (1, 'featuregen', 'input', 0, 's3://lake/clean/{i}.parquet', 'data', 'clean'),
      (1, 'featuregen', 'output', 0, 's3://lake/features/{i}.parquet', 'data', NULL),
      (2, 'split', 'input', 0, 's3://lake/features/{i}.parquet', 'data', 'featuregen'),
      (2, 'split', 'output', 0, 's3://lake/train/{i}.parquet', 'data', NULL),
      (3, 'train', 'input', 0, 's3://lake/train/{i}.parquet', 'data', 'split'),
      (3, 'train', 'output', 0, 'models:/bench/{i}', 'model', NULL),
      (4, 'inference', 'input', 0, 'models:/bench/{i}', 'model', 'train'),
      (4, 'inference', 'input', 1, 's3://lake/features/{i}.parquet', 'data', 'featuregen'),
      (4, 'inference', 'output', 0, 'https://serving.internal/bench', 'endpoint', NULL)
    ) a(k, component, direction, position, artifact, kind, producer)`);
}

export async function benchLineageTrace() {
  const dir = mkdtempSync(join(tmpdir(), "sl-bench-lineage-"));
  const store = await DuckDbStore.open(dir);
  try {
    const db = store.db;
    const lineage = new LineageService(store.lineage, () => t0);
    const last = pipelines - 1;
    let started = performance.now();
    await seed(db, last);
    const seedRunsSeconds = (performance.now() - started) / 1000;

    // The last pipeline goes through the service: dependencies resolved against everything before it.
    const base = t0 + last * stepMs;
    const steps = [
      ["clean", [`s3://raw/${last}.csv`], [`s3://lake/clean/${last}.parquet`]],
      ["featuregen", [`s3://lake/clean/${last}.parquet`], [`s3://lake/features/${last}.parquet`]],
      ["split", [`s3://lake/features/${last}.parquet`], [`s3://lake/train/${last}.parquet`]],
      ["train", [`s3://lake/train/${last}.parquet`], [`models:/bench/${last}`]],
      [
        "inference",
        [`models:/bench/${last}`, `s3://lake/features/${last}.parquet`],
        ["https://serving.internal/bench"],
      ],
    ];
    const recorded = {};
    started = performance.now();
    for (const [k, [name, inputs, outputs]] of steps.entries()) {
      const body = {
        id: `run-${name}-${last}`,
        component: name,
        start_time: base + k * 10000,
        end_time: base + k * 10000 + 5000,
        inputs,
        outputs,
      };
      recorded[name] = await lineage.recordRun(parseRunBody(body));
    }
    const recordMs = (performance.now() - started) / steps.length;
    if (recorded.inference.dependencies.join() !== `run-train-${last},run-featuregen-${last}`) {
      throw new Error(`unexpected dependencies ${JSON.stringify(recorded.inference.dependencies)}`);
    }

    const hasRunId = await store.lineage.predictionsHaveRunIds();
    started = performance.now();
    await db.write((conn) =>
      db.run(
        conn,
        `INSERT INTO predictions (model, id, ts_ms, version, features, violation_count, received_ms${hasRunId ? ", run_id" : ""})
         SELECT 'bench', 'p' || i, ${t0} + (i % ${pipelines}) * ${stepMs} + 50000, (i % ${pipelines})::VARCHAR, '{}', 0, ${t0}
                ${hasRunId ? `, 'run-inference-' || (i % ${pipelines})` : ""}
         FROM range(${predictions}) t(i)`,
      ),
    );
    const seedPredictionsSeconds = (performance.now() - started) / 1000;
    const counts = (
      await db.read(
        "SELECT (SELECT count(*) FROM lineage_runs) AS runs, (SELECT count(*) FROM predictions) AS predictions",
      )
    )[0];

    const options = { depth: 20, staleDays: 30 };
    // Predictions of the pipelines spread over the history (i % pipelines picks the pipeline).
    const ids = Array.from({ length: repeats }, (_, k) => `p${(k * 7_919_993 + 12_345) % predictions}`);
    const first = await lineage.tracePrediction("bench", ids[0], options);
    const reached = JSON.stringify(first.trace).match(/"component":"clean"/g)?.length ?? 0;
    if (reached < 1) throw new Error("the prediction trace did not reach cleaning");
    const prediction = await timeMany((i) => lineage.tracePrediction("bench", ids[i], options));
    const lookup = await timeMany((i) => store.lineage.findPrediction("bench", ids[i]));
    const run = await timeMany((i) => lineage.traceRun(`run-inference-${(i * 397) % pipelines}`, options));
    const impactStart = performance.now();
    const impact = await lineage.impact({ run: `run-clean-${last}` }, 20);
    const impactMs = performance.now() - impactStart;
    // The schema has no index on predictions(id) (the primary key is (model, id), which DuckDB uses for
    // conflicts, not lookups): measure what one would change.
    started = performance.now();
    await db.write((conn) => db.run(conn, "CREATE INDEX bench_predictions_id ON predictions (id)"));
    const indexSeconds = (performance.now() - started) / 1000;
    const indexed = await timeMany((i) => lineage.tracePrediction("bench", ids[(i + 1) % repeats], options));
    return {
      indexSeconds,
      indexed,
      lookup,
      runs: counts.runs,
      predictions: counts.predictions,
      hasRunId,
      pathsToClean: reached,
      seedRunsSeconds,
      seedPredictionsSeconds,
      recordMs,
      prediction,
      run,
      impactMs,
      impactPredictions: impact.predictions.count,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchLineageTrace();
  const ms = (v) => `${v.toFixed(2)} ms`;
  console.log(
    `lineage: ${r.runs.toLocaleString("en-US")} runs, ${r.predictions.toLocaleString("en-US")} predictions` +
      ` (run_id on predictions: ${r.hasRunId}); seeded in ${r.seedRunsSeconds.toFixed(1)} s + ${r.seedPredictionsSeconds.toFixed(1)} s`,
  );
  console.log(`  record a run (dependencies resolved against the history): ${ms(r.recordMs)} per run`);
  console.log(
    `  trace a prediction: median ${ms(r.prediction.median)}, p95 ${ms(r.prediction.p95)} (${repeats} traces; cleaning reached along ${r.pathsToClean} path(s))`,
  );
  console.log(
    `    of which finding the prediction (a scan of the predictions table): median ${ms(r.lookup.median)}, p95 ${ms(r.lookup.p95)}`,
  );
  console.log(
    `  with an index on predictions(id) (built in ${r.indexSeconds.toFixed(1)} s; not in the schema): trace a prediction median ${ms(r.indexed.median)}, p95 ${ms(r.indexed.p95)}`,
  );
  console.log(`  trace a run: median ${ms(r.run.median)}, p95 ${ms(r.run.p95)} (${repeats} traces)`);
  console.log(
    `  forward impact of a cleaning run: ${ms(r.impactMs)} (${r.impactPredictions} predictions counted)`,
  );
}
