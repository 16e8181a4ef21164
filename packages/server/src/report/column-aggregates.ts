import type { DuckDBConnection } from "@duckdb/node-api";
import type { ColumnKind } from "./column-kind.js";
import { doubleLiteral, quoteIdentifier } from "./sql-quote.js";

// Per-column aggregation pushed down to DuckDB: only counts, quantiles and per-bin sums come back
// to Node, except for the raw-sample methods, which load one numeric column as a Float64Array.

/** Counts and moments of one column in one table. Numeric columns count only finite values. */
export interface ColumnProfile {
  count: number;
  distinct: number;
  min: number | null;
  max: number | null;
  /** Population standard deviation (numeric only). */
  std: number | null;
}

function numeric(column: string): string {
  return `CAST(${quoteIdentifier(column)} AS DOUBLE)`;
}

function present(column: string, kind: ColumnKind): string {
  return kind === "numeric" ? `isfinite(${numeric(column)})` : `${quoteIdentifier(column)} IS NOT NULL`;
}

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return Number(value);
}

/**
 * Non-missing count, distinct count and, for numeric columns, min, max and standard deviation.
 *
 * @example
 * await profileColumn(conn, "reference", "age", "numeric"); // { count: 9800, distinct: 71, min: 18, max: 90, std: 14.2 }
 */
export async function profileColumn(
  conn: DuckDBConnection,
  table: string,
  column: string,
  kind: ColumnKind,
): Promise<ColumnProfile> {
  const x = numeric(column);
  const moments = kind === "numeric" ? `, min(${x}) AS lo, max(${x}) AS hi, stddev_pop(${x}) AS sd` : "";
  const [row] = await rows(
    conn,
    `SELECT count(*) AS n, count(DISTINCT ${quoteIdentifier(column)}) AS d${moments}
     FROM ${quoteIdentifier(table)} WHERE ${present(column, kind)}`,
  );
  return {
    count: num(row?.n) ?? 0,
    distinct: num(row?.d) ?? 0,
    min: num(row?.lo),
    max: num(row?.hi),
    std: num(row?.sd),
  };
}

/**
 * Count of each non-missing value, keyed by its text (booleans as "true"/"false", numbers as DOUBLE text).
 *
 * @example
 * await categoryCounts(conn, "current", "city", "categorical"); // Map { "Oslo" => 120, "Lima" => 80 }
 */
export async function categoryCounts(
  conn: DuckDBConnection,
  table: string,
  column: string,
  kind: ColumnKind,
): Promise<Map<string, number>> {
  // Numbers go through DOUBLE first, so BIGINT 1 in one file and DOUBLE 1.0 in the other match.
  const value = kind === "numeric" ? numeric(column) : quoteIdentifier(column);
  const result = await rows(
    conn,
    `SELECT CAST(${value} AS VARCHAR) AS v, count(*) AS n
     FROM ${quoteIdentifier(table)} WHERE ${present(column, kind)} GROUP BY 1`,
  );
  return new Map(result.map((r) => [String(r.v), Number(r.n)]));
}

/**
 * Interior quantile cut points of a numeric column at i / bins (i = 1..bins-1), DuckDB's
 * `quantile_cont` (linear interpolation, as NumPy's default), duplicates collapsed: the reference
 * quantile bins of `binEdges` computed where the data is.
 *
 * @example
 * await quantileCuts(conn, "reference", "age", 4); // [29, 41, 55]
 */
export async function quantileCuts(
  conn: DuckDBConnection,
  table: string,
  column: string,
  bins: number,
): Promise<number[]> {
  if (bins < 2) return [];
  const probabilities = Array.from({ length: bins - 1 }, (_, i) => String((i + 1) / bins)).join(", ");
  const [row] = await rows(
    conn,
    `SELECT quantile_cont(${numeric(column)}, [${probabilities}]) AS q
     FROM ${quoteIdentifier(table)} WHERE ${present(column, "numeric")}`,
  );
  const cuts: number[] = [];
  for (const value of (row?.q as unknown[] | null) ?? []) {
    const c = Number(value);
    if (cuts.length === 0 || c > (cuts[cuts.length - 1] as number)) cuts.push(c);
  }
  return cuts;
}

/**
 * Counts and mean value per bin over right-closed bins given by `cuts` (bin k = (cuts[k-1], cuts[k]]).
 *
 * @example
 * await binCounts(conn, "current", "age", [29, 41, 55]); // { counts: [30, 25, 25, 20], means: [...] }
 */
export async function binCounts(
  conn: DuckDBConnection,
  table: string,
  column: string,
  cuts: readonly number[],
): Promise<{ counts: Float64Array; means: Float64Array }> {
  const x = numeric(column);
  const cases = cuts.map((c, k) => `WHEN ${x} <= ${doubleLiteral(c)} THEN ${k}`).join(" ");
  const bin = cuts.length === 0 ? "0" : `CASE ${cases} ELSE ${cuts.length} END`;
  const result = await rows(
    conn,
    `SELECT ${bin} AS b, count(*) AS n, avg(${x}) AS m
     FROM ${quoteIdentifier(table)} WHERE ${present(column, "numeric")} GROUP BY 1`,
  );
  const counts = new Float64Array(cuts.length + 1);
  const means = new Float64Array(cuts.length + 1).fill(Number.NaN);
  for (const r of result) {
    const k = Number(r.b);
    counts[k] = Number(r.n);
    means[k] = Number(r.m);
  }
  return { counts, means };
}

/**
 * Counts over `bins` equal-width bins spanning [lo, hi] (values at hi in the last bin), for charts.
 *
 * @example
 * await equalWidthCounts(conn, "reference", "x", 0, 4, 4); // [1, 1, 1, 2] for x = 0, 1, 2, 3, 4
 */
export async function equalWidthCounts(
  conn: DuckDBConnection,
  table: string,
  column: string,
  lo: number,
  hi: number,
  bins: number,
): Promise<number[]> {
  const x = numeric(column);
  const width = hi - lo;
  const bin =
    width > 0
      ? `least(CAST(floor((${x} - ${doubleLiteral(lo)}) / ${doubleLiteral(width)} * ${bins}) AS BIGINT), ${bins - 1})`
      : "0";
  const result = await rows(
    conn,
    `SELECT ${bin} AS b, count(*) AS n FROM ${quoteIdentifier(table)} WHERE ${present(column, "numeric")} GROUP BY 1`,
  );
  const counts = new Array<number>(width > 0 ? bins : 1).fill(0);
  for (const r of result) counts[Number(r.b)] = Number(r.n);
  return counts;
}

/**
 * The finite values of a numeric column as a Float64Array (for the raw-sample methods only).
 *
 * @example
 * const values = await numericValues(conn, "reference", "age", profile.count);
 */
export async function numericValues(
  conn: DuckDBConnection,
  table: string,
  column: string,
  count: number,
): Promise<Float64Array> {
  const result = await conn.run(
    `SELECT ${numeric(column)} AS v FROM ${quoteIdentifier(table)} WHERE ${present(column, "numeric")}`,
  );
  const values = new Float64Array(count);
  let i = 0;
  for (
    let chunk = await result.fetchChunk();
    chunk !== null && chunk.rowCount > 0;
    chunk = await result.fetchChunk()
  ) {
    const vector = chunk.getColumnVector(0);
    for (let r = 0; r < chunk.rowCount; r++) values[i++] = vector.getItem(r) as number;
  }
  return i === count ? values : values.subarray(0, i);
}
