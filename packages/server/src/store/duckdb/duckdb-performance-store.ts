import type {
  BinaryCountsRow,
  ClassPairRow,
  PerformanceProfile,
  PerformanceSource,
  PerformanceStore,
  RegressionSumsRow,
  ScoreBinning,
  ScoreBinRow,
  ScoreGroupRow,
  WindowCoverage,
} from "../performance-store.js";
import type { DuckDbDatabase } from "./duckdb-database.js";

// float64 machine epsilon: the probability clip of scikit-learn 1.2.1's log_loss(eps="auto").
const eps = 2.220446049250313e-16;

// Canonical class key of a JSON text column: numbers and booleans as DOUBLE text, strings as JSON text.
function classKey(column: string): string {
  return `CASE WHEN ${column} IS NULL OR ${column} = 'null' THEN NULL
    WHEN ${column} = 'true' THEN '1.0' WHEN ${column} = 'false' THEN '0.0'
    WHEN TRY_CAST(${column} AS DOUBLE) IS NOT NULL THEN CAST(TRY_CAST(${column} AS DOUBLE) AS VARCHAR)
    ELSE ${column} END`;
}

// The same key from a stored numeric view (numbers and booleans) when there is one: no text parsing per row.
function numericFirst(numberColumn: string, jsonColumn: string): string {
  return `CASE WHEN ${numberColumn} IS NOT NULL THEN CAST(${numberColumn} AS VARCHAR) ELSE ${classKey(jsonColumn)} END`;
}

// Numeric value of a JSON text column (booleans as 0/1), for regression on reference rows.
function numeric(column: string): string {
  return `CASE WHEN ${column} = 'true' THEN 1.0 WHEN ${column} = 'false' THEN 0.0 ELSE TRY_CAST(${column} AS DOUBLE) END`;
}

// Label lag, one definition for the per-window coverage and the delay of performance monitors.
const lagSql = "l.ts_ms - p.ts_ms";

/**
 * The rows of a source as one CTE `src(w, version, pred_key, label_key, pred_num, label_num, score, lag_ms,
 * labelled)`. Without `withLabels` the label columns are NULL and the labels are not joined: a summary of the
 * predictions alone then skips a hash join over every label of the model.
 */
function sourceSql(source: PerformanceSource, withLabels = true): { sql: string; params: unknown[] } {
  if (source.kind === "reference") {
    return {
      sql: `src AS (
        SELECT 0 AS w, version, ${classKey("prediction")} AS pred_key, ${classKey("label")} AS label_key,
               ${numeric("prediction")} AS pred_num, ${numeric("label")} AS label_num,
               TRY_CAST(json_extract_string(features, '$.score') AS DOUBLE) AS score,
               NULL::BIGINT AS lag_ms, (label IS NOT NULL AND label <> 'null') AS labelled
        FROM reference_rows WHERE model = ? AND version = ?)`,
      params: [source.model, source.version],
    };
  }
  const params: unknown[] = [source.originMs, source.sizeMs, source.model, source.fromMs, source.toMs];
  let filter = "";
  if (source.version !== undefined) {
    filter += " AND p.version = ?";
    params.push(source.version);
  }
  if (source.segment !== undefined) {
    // JSON path with the tag name quoted, so any characters in it are a plain key.
    filter += " AND json_extract_string(p.tags, ?) = ?";
    params.push(`$.${JSON.stringify(source.segment.tag)}`, source.segment.value);
  }
  const labels = withLabels
    ? `${numericFirst("l.label_num", "l.label")} AS label_key, l.label_num AS label_num,
       ${lagSql} AS lag_ms, l.id IS NOT NULL AS labelled`
    : "NULL::VARCHAR AS label_key, NULL::DOUBLE AS label_num, NULL::BIGINT AS lag_ms, false AS labelled";
  return {
    sql: `src AS (
      SELECT CAST(floor((p.ts_ms - ?) / ?) AS BIGINT) AS w, p.version AS version,
             ${numericFirst("p.prediction_num", "p.prediction")} AS pred_key,
             p.prediction_num AS pred_num, CASE WHEN isfinite(p.score) THEN p.score END AS score, ${labels}
      FROM predictions p${withLabels ? " LEFT JOIN labels l ON l.model = p.model AND l.id = p.id" : ""}
      WHERE p.model = ? AND p.ts_ms >= ? AND p.ts_ms < ?${filter})`,
    params,
  };
}

const num = (v: unknown): number => (v === null || v === undefined ? Number.NaN : Number(v));

/**
 * DuckDB adapter of {@link PerformanceStore}: one aggregate query per summary, grouped by window.
 *
 * @example
 * const performance = new DuckDbPerformanceStore(db);
 * await performance.coverage({ kind: "predictions", model: "m", fromMs: 0, toMs: 864e5, originMs: 0, sizeMs: 36e5 });
 */
export class DuckDbPerformanceStore implements PerformanceStore {
  constructor(private readonly db: DuckDbDatabase) {}

  private query(source: PerformanceSource, select: string, params: unknown[] = [], withLabels = true) {
    const src = sourceSql(source, withLabels);
    return this.db.read(`WITH ${src.sql} ${select}`, [...src.params, ...params]);
  }

  async profile(source: PerformanceSource, classLimit: number): Promise<PerformanceProfile> {
    const [totals] = await this.query(
      source,
      `SELECT count(pred_key) AS predictions, count(*) FILTER (labelled) AS labelled,
              count(*) FILTER (pred_num <> round(pred_num) OR (labelled AND label_num <> round(label_num))) AS non_integer,
              count(*) FILTER ((pred_key IS NOT NULL AND pred_num IS NULL) OR (label_key IS NOT NULL AND label_num IS NULL)) AS non_numeric,
              count(*) FILTER (score IS NOT NULL AND pred_key IS NOT NULL) AS scored,
              list(DISTINCT version ORDER BY version) AS versions
       FROM src`,
    );
    // Both keys of a row in one pass over src: a UNION of two selects joined the labels twice.
    const classes = await this.query(
      source,
      `SELECT DISTINCT k FROM (SELECT unnest([pred_key, CASE WHEN labelled THEN label_key END]) AS k FROM src)
       WHERE k IS NOT NULL ORDER BY k LIMIT ?`,
      [classLimit + 1],
    );
    return {
      predictions: num(totals?.predictions),
      labelled: num(totals?.labelled),
      nonIntegerValues: num(totals?.non_integer),
      nonNumericValues: num(totals?.non_numeric),
      scored: num(totals?.scored),
      classes: classes.map((r) => r.k as string),
      versions: [...((totals?.versions as string[] | undefined) ?? [])],
    };
  }

  async coverage(source: PerformanceSource): Promise<WindowCoverage[]> {
    const rows = await this.query(
      source,
      `SELECT w, count(*) AS n, count(*) FILTER (labelled) AS labelled,
              quantile_cont(lag_ms, 0.5) FILTER (labelled) AS p50,
              quantile_cont(lag_ms, 0.9) FILTER (labelled) AS p90
       FROM src GROUP BY w ORDER BY w`,
    );
    return rows.map((r) => ({
      window: num(r.w),
      rows: num(r.n),
      labelled: num(r.labelled),
      lagP50Ms: r.p50 === null ? null : num(r.p50),
      lagP90Ms: r.p90 === null ? null : num(r.p90),
    }));
  }

  async binaryCounts(source: PerformanceSource, positive: string): Promise<BinaryCountsRow[]> {
    const rows = await this.query(
      source,
      `SELECT w,
              count(*) FILTER (pred_key = ? AND label_key = ?) AS tp,
              count(*) FILTER (pred_key = ? AND label_key <> ?) AS fp,
              count(*) FILTER (pred_key <> ? AND label_key <> ?) AS tn,
              count(*) FILTER (pred_key <> ? AND label_key = ?) AS fn
       FROM src WHERE labelled AND pred_key IS NOT NULL AND label_key IS NOT NULL GROUP BY w ORDER BY w`,
      Array(8).fill(positive),
    );
    return rows.map((r) => ({
      window: num(r.w),
      tp: num(r.tp),
      fp: num(r.fp),
      tn: num(r.tn),
      fn: num(r.fn),
    }));
  }

  async scoreBins(
    source: PerformanceSource,
    positiveClass: string,
    binning: ScoreBinning,
  ): Promise<ScoreBinRow[]> {
    const edges = binning.calibrationInnerEdges;
    const bin =
      edges.length === 0
        ? "0"
        : `CASE ${edges.map((_, i) => `WHEN score > ?::DOUBLE THEN ${edges.length - i}`).join(" ")} ELSE 0 END`;
    const clipped = `least(greatest(score, ${eps}), 1 - ${eps})`;
    const rows = await this.query(
      source,
      `SELECT w, round(score, ?) AS s, ${bin} AS cb,
              count(*) FILTER (label_key = ?) AS pos, count(*) FILTER (label_key <> ?) AS neg,
              sum(score) AS sum_score,
              sum(-ln(CASE WHEN label_key = ? THEN ${clipped} ELSE 1 - ${clipped} END)) AS sum_log_loss,
              sum(power((CASE WHEN label_key = ? THEN 1 ELSE 0 END) - score, 2)) AS sum_brier
       FROM src WHERE labelled AND score IS NOT NULL AND label_key IS NOT NULL
       GROUP BY ALL ORDER BY w, s`,
      [binning.decimals, ...[...edges].reverse(), positiveClass, positiveClass, positiveClass, positiveClass],
    );
    return rows.map((r) => ({
      window: num(r.w),
      score: num(r.s),
      calibrationBin: num(r.cb),
      positives: num(r.pos),
      negatives: num(r.neg),
      sumScore: num(r.sum_score),
      sumLogLoss: num(r.sum_log_loss),
      sumBrier: num(r.sum_brier),
    }));
  }

  async scoreGroups(
    source: PerformanceSource,
    positiveClass: string,
    decimals: number,
  ): Promise<ScoreGroupRow[]> {
    const rows = await this.query(
      source,
      `SELECT w, round(score, ?) AS s, pred_key = ? AS positive, count(*) AS n
       FROM src WHERE score IS NOT NULL AND pred_key IS NOT NULL GROUP BY ALL ORDER BY w, s`,
      [decimals, positiveClass],
      false,
    );
    return rows.map((r) => ({
      window: num(r.w),
      score: num(r.s),
      predictedPositive: r.positive === true,
      count: num(r.n),
    }));
  }

  async classPairs(source: PerformanceSource): Promise<ClassPairRow[]> {
    const rows = await this.query(
      source,
      `SELECT w, label_key AS actual, pred_key AS predicted, count(*) AS n
       FROM src WHERE labelled AND pred_key IS NOT NULL AND label_key IS NOT NULL GROUP BY ALL ORDER BY ALL`,
    );
    return rows.map((r) => ({
      window: num(r.w),
      actual: r.actual as string,
      predicted: r.predicted as string,
      count: num(r.n),
    }));
  }

  async regressionSums(source: PerformanceSource): Promise<RegressionSumsRow[]> {
    const rows = await this.query(
      source,
      `SELECT w, count(*) AS n, sum(e) AS se, sum(e * e) AS sse, sum(abs(e)) AS sae,
              sum(abs(e) / greatest(abs(y), ${eps})) AS sape, max(abs(e)) AS mae,
              sum(y) AS sy, sum(y * y) AS sy2, min(y) AS miny, max(y) AS maxy
       FROM (SELECT w, pred_num - label_num AS e, label_num AS y FROM src
             WHERE labelled AND isfinite(pred_num) AND isfinite(label_num))
       GROUP BY w ORDER BY w`,
    );
    return rows.map((r) => ({
      window: num(r.w),
      n: num(r.n),
      sumError: num(r.se),
      sumSquaredError: num(r.sse),
      sumAbsError: num(r.sae),
      sumAbsPercentageError: num(r.sape),
      maxAbsError: num(r.mae),
      sumY: num(r.sy),
      sumY2: num(r.sy2),
      minY: num(r.miny),
      maxY: num(r.maxy),
    }));
  }

  async labelLag(
    model: string,
    span: { fromMs: number; toMs: number; quantile: number },
  ): Promise<{ labels: number; quantileMs: number | null }> {
    // From the labels (the span filters on their time) to their predictions by primary key.
    const [row] = await this.db.read(
      `SELECT count(*) AS n, quantile_cont(${lagSql}, ?) AS q
       FROM labels l JOIN predictions p ON p.model = l.model AND p.id = l.id
       WHERE l.model = ? AND l.ts_ms >= ? AND l.ts_ms < ?`,
      [span.quantile, model, span.fromMs, span.toMs],
    );
    return {
      labels: num(row?.n ?? 0),
      quantileMs: row?.q === null || row?.q === undefined ? null : num(row.q),
    };
  }

  async timeRange(model: string, version?: string): Promise<{ minMs: number; maxMs: number } | null> {
    const rows = await this.db.read(
      `SELECT min(ts_ms) AS lo, max(ts_ms) AS hi FROM predictions WHERE model = ?${version === undefined ? "" : " AND version = ?"}`,
      version === undefined ? [model] : [model, version],
    );
    const r = rows[0];
    return !r || r.lo === null ? null : { minMs: num(r.lo), maxMs: num(r.hi) };
  }
}
