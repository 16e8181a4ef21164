import type {
  ComparisonAggregates,
  ComparisonQuery,
  OutputHistograms,
  PerformanceBlock,
  PerformanceTask,
  VersionOperations,
} from "../registry-store.js";
import type { DuckDbDatabase, Row } from "./duckdb-database.js";

// Classes shown one by one in a categorical output comparison; the rest are summed into one "other" bin.
const maxClasses = 50;
// Labels with more distinct numeric values than this are taken as a regression target.
const maxClassLabels = 20;

const windowFilter = "model = $1 AND version IN ($2, $3) AND ts_ms >= $4 AND ts_ms < $5";

function operations(rows: Row[], version: string): VersionOperations {
  const r = rows.find((x) => x.version === version);
  return {
    predictions: (r?.predictions as number | undefined) ?? 0,
    errors: (r?.errors as number | undefined) ?? 0,
    latency_count: (r?.latency_count as number | undefined) ?? 0,
    latency_p50_ms: (r?.p50 as number | null | undefined) ?? null,
    latency_p95_ms: (r?.p95 as number | null | undefined) ?? null,
  };
}

async function outputHistograms(
  db: DuckDbDatabase,
  params: unknown[],
  query: ComparisonQuery,
): Promise<OutputHistograms> {
  const shape = await db.read(
    `SELECT version, count(score) AS scores, count(prediction) AS outputs, count(prediction_num) AS numbers,
            count(DISTINCT prediction) AS distinct_outputs
     FROM predictions WHERE ${windowFilter} GROUP BY version`,
    params,
  );
  const base = shape.find((r) => r.version === query.baseline);
  const cand = shape.find((r) => r.version === query.candidate);
  if (!base || !cand || base.outputs === 0 || cand.outputs === 0) return { kind: "none" };
  const allNumeric = base.numbers === base.outputs && cand.numbers === cand.outputs;
  const manyValues =
    (base.distinct_outputs as number) + (cand.distinct_outputs as number) > 2 * maxClassLabels;
  const column =
    (base.scores as number) > 0 && (cand.scores as number) > 0
      ? "score"
      : allNumeric && manyValues
        ? "prediction_num"
        : null;
  if (column !== null) {
    const probabilities = Array.from({ length: query.bins - 1 }, (_, i) => (i + 1) / query.bins);
    const [edges] = await db.read(
      `SELECT quantile_cont(${column}, [${probabilities.join(", ")}]) AS cuts, min(${column}) AS lo,
              max(${column}) AS hi
       FROM predictions WHERE ${windowFilter} AND isfinite(${column})`,
      params,
    );
    const cuts = [...new Set((edges?.cuts as number[] | null) ?? [])].sort((a, b) => a - b);
    const counts = await db.read(
      `SELECT version, list_count(list_filter([${cuts.map(String).join(", ")}]::DOUBLE[], c -> c < ${column})) AS bin,
              count(*) AS n
       FROM predictions WHERE ${windowFilter} AND isfinite(${column}) GROUP BY ALL`,
      params,
    );
    const baseline = new Array<number>(cuts.length + 1).fill(0);
    const candidate = new Array<number>(cuts.length + 1).fill(0);
    for (const r of counts) {
      const target = r.version === query.baseline ? baseline : candidate;
      target[r.bin as number] = r.n as number;
    }
    return {
      kind: "numeric",
      source: column === "score" ? "score" : "prediction",
      cuts,
      range: [edges?.lo as number, edges?.hi as number],
      baseline,
      candidate,
    };
  }
  const rows = await db.read(
    `SELECT prediction AS class, count(*) FILTER (WHERE version = $2) AS b, count(*) FILTER (WHERE version = $3) AS c
     FROM predictions WHERE ${windowFilter} AND prediction IS NOT NULL
     GROUP BY prediction ORDER BY count(*) DESC, prediction`,
    params,
  );
  const shown = rows.slice(0, maxClasses);
  const rest = rows.slice(maxClasses);
  const classes = shown.map((r) => r.class as string);
  const baseline = shown.map((r) => r.b as number);
  const candidate = shown.map((r) => r.c as number);
  if (rest.length > 0) {
    classes.push("(other)");
    baseline.push(rest.reduce((s, r) => s + (r.b as number), 0));
    candidate.push(rest.reduce((s, r) => s + (r.c as number), 0));
  }
  return { kind: "categorical", classes, baseline, candidate };
}

async function inferTask(db: DuckDbDatabase, params: unknown[]): Promise<PerformanceTask> {
  const [shape] = await db.read(
    `SELECT count(*) AS n, count(*) FILTER (WHERE p.prediction_num IS NOT NULL AND l.label_num IS NOT NULL) AS numeric,
            count(DISTINCT l.label) AS distinct_labels, bool_and(l.label_num = round(l.label_num)) AS integral
     FROM predictions p JOIN labels l ON l.model = p.model AND l.id = p.id
     WHERE p.${windowFilter.replaceAll(" AND ", " AND p.")} AND p.error IS NULL AND p.prediction IS NOT NULL`,
    params,
  );
  const n = (shape?.n as number | undefined) ?? 0;
  const regression =
    n > 0 &&
    shape?.numeric === n &&
    ((shape.distinct_labels as number) > maxClassLabels || shape.integral === false);
  return regression ? "regression" : "classification";
}

/**
 * The aggregates of a canary/shadow comparison, each computed in DuckDB: volume, errors and latency
 * quantiles per version; output histograms on shared quantile bins of both versions' scores (or numeric
 * predictions), or class counts; labelled rows summed per version into `blocks` blocks by a hash of
 * the prediction id, for a block bootstrap.
 *
 * @example
 * await queryComparisonAggregates(db, { model: "m", baseline: "v1", candidate: "v2",
 *   window: { fromMs: 0, toMs: Date.now() }, bins: 20, blocks: 64 });
 */
export async function queryComparisonAggregates(
  db: DuckDbDatabase,
  query: ComparisonQuery,
): Promise<ComparisonAggregates> {
  const params = [query.model, query.baseline, query.candidate, query.window.fromMs, query.window.toMs];
  const ops = await db.read(
    `SELECT version, count(*) AS predictions, count(error) AS errors, count(latency_ms) AS latency_count,
            quantile_cont(latency_ms, 0.5) AS p50, quantile_cont(latency_ms, 0.95) AS p95
     FROM predictions WHERE ${windowFilter} GROUP BY version`,
    params,
  );
  const outputs = await outputHistograms(db, params, query);
  const task = query.task ?? (await inferTask(db, params));
  const numericOnly =
    task === "regression" ? "AND p.prediction_num IS NOT NULL AND l.label_num IS NOT NULL" : "";
  const blocks = await db.read(
    `SELECT p.version, hash(p.id) % ${Math.trunc(query.blocks)} AS block, count(*) AS rows,
            count(*) FILTER (WHERE coalesce(p.prediction_num = l.label_num, p.prediction = l.label)) AS correct,
            coalesce(sum(abs(p.prediction_num - l.label_num)), 0) AS abs_error,
            coalesce(sum((p.prediction_num - l.label_num) ^ 2), 0) AS squared_error
     FROM predictions p JOIN labels l ON l.model = p.model AND l.id = p.id
     WHERE p.${windowFilter.replaceAll(" AND ", " AND p.")} AND p.error IS NULL AND p.prediction IS NOT NULL
       ${numericOnly}
     GROUP BY ALL ORDER BY 1, 2`,
    params,
  );
  const blocksOf = (version: string): PerformanceBlock[] =>
    blocks
      .filter((r) => r.version === version)
      .map((r) => ({
        rows: r.rows as number,
        correct: r.correct as number,
        abs_error: r.abs_error as number,
        squared_error: r.squared_error as number,
      }));
  return {
    baseline: operations(ops, query.baseline),
    candidate: operations(ops, query.candidate),
    outputs,
    task,
    baselineBlocks: blocksOf(query.baseline),
    candidateBlocks: blocksOf(query.candidate),
  };
}
