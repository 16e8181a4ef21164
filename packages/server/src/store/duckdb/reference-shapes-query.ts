import type { ColumnSource, ReferenceColumnShape } from "../window-store.js";
import { type BaseQuery, valueCounts } from "./column-counts-query.js";
import type { ColumnReader } from "./column-reader.js";
import type { DuckDbDatabase } from "./duckdb-database.js";

type ShapeColumn = { name: string; source: ColumnSource; numeric: boolean };

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const int = (value: number) => String(Math.trunc(value));

function src(reader: ColumnReader, expressions: readonly string[]): string {
  return `src AS ${reader.costly ? "" : "NOT "}MATERIALIZED (SELECT w, ${expressions.join(", ")} FROM ${reader.from})`;
}

// Quantiles at i / bins with linear interpolation (as quantile_cont and NumPy's default: the values at
// sorted positions floor(p) and floor(p) + 1, p = (n - 1) i / bins), read off each column's distinct values
// and their running counts by an ASOF join on the position: the sort sees distinct values only (a few
// thousand on the flights instead of 2M), and quantile_cont with a thousand probabilities takes ~30x longer.
async function numericShapes(
  db: DuckDbDatabase,
  base: BaseQuery,
  reader: ColumnReader,
  columns: readonly ShapeColumn[],
  shapes: ReferenceColumnShape[],
  bins: number,
): Promise<void> {
  const indices = columns.flatMap((c, i) => (c.numeric ? [i] : []));
  if (indices.length === 0) return;
  const b = int(bins);
  const keys = indices.map((i) => ({ index: i, key: `x${i}`, value: `x${i}` }));
  const rows = await db.read(
    `WITH base AS (${base.sql}),
     ${src(
       reader,
       indices.map((i) => `${reader.number(columns[i] as ShapeColumn)} AS x${i}`),
     )},
     vals AS (SELECT c, x, n FROM (${valueCounts(keys, "x")}) WHERE isfinite(x)),
     cum AS (SELECT c, x, sum(n) OVER (PARTITION BY c ORDER BY x) - n AS start FROM vals),
     stats AS (SELECT c, CAST(sum(n) AS BIGINT) AS n, count(*) AS d, min(x) AS lo, max(x) AS hi FROM vals GROUP BY c),
     -- stddev_pop in value order: unordered, its last digits depended on how threads split the rows, and
     -- two identical references then gave Wasserstein statistics differing in the 16th digit.
     spread AS (SELECT unnest([${indices.join(", ")}]) AS c,
                       unnest([${indices.map((i) => `stddev_pop(x${i} ORDER BY x${i}) FILTER (WHERE isfinite(x${i}))`).join(", ")}]) AS sd FROM src),
     pos AS (SELECT c, i, (n - 1) * i / ${b} AS p, CAST(floor((n - 1) * i / ${b}) AS BIGINT) AS k,
                    least(CAST(floor((n - 1) * i / ${b}) AS BIGINT) + 1, n - 1) AS k1
             FROM stats, range(1, ${b}) t(i)),
     at_k AS (SELECT pos.*, cum.x AS x0 FROM pos ASOF JOIN cum ON pos.c = cum.c AND pos.k >= cum.start),
     at_k1 AS (SELECT at_k.*, cum.x AS x1 FROM at_k ASOF JOIN cum ON at_k.c = cum.c AND at_k.k1 >= cum.start),
     q AS (SELECT c, list(x0 + (p - floor(p)) * (x1 - x0) ORDER BY i) AS q FROM at_k1 GROUP BY c)
     SELECT stats.*, spread.sd, q.q FROM stats JOIN spread USING (c) LEFT JOIN q USING (c)`,
    base.params,
  );
  for (const r of rows) {
    const shape = shapes[Number(r.c)] as ReferenceColumnShape;
    shape.present = Number(r.n);
    shape.distinct = Number(r.d);
    shape.min = num(r.lo);
    shape.max = num(r.hi);
    shape.std = num(r.sd);
    for (const value of (r.q as unknown[] | null) ?? []) {
      const cut = Number(value);
      if (shape.cuts.length === 0 || cut > (shape.cuts[shape.cuts.length - 1] as number))
        shape.cuts.push(cut);
    }
  }
}

/**
 * Shapes of reference columns: size, distinct values, range, spread and `bins`-quantile cuts of numeric
 * columns; the `maxCategories` most frequent values of every column (numbers by their DOUBLE text, cast
 * after grouping so only distinct values are cast), with size and distinct count for the others.
 *
 * @example
 * const shapes = await referenceShapes(db, base, reader, [{ name: "x", source: "feature", numeric: true }], 1000, 1000);
 */
export async function referenceShapes(
  db: DuckDbDatabase,
  base: BaseQuery,
  reader: ColumnReader,
  columns: readonly ShapeColumn[],
  bins: number,
  maxCategories: number,
): Promise<ReferenceColumnShape[]> {
  const shapes: ReferenceColumnShape[] = columns.map((c) => ({
    name: c.name,
    source: c.source,
    numeric: c.numeric,
    present: 0,
    distinct: 0,
    min: null,
    max: null,
    std: null,
    cuts: [],
    categories: [],
  }));
  if (columns.length === 0) return shapes;
  await numericShapes(db, base, reader, columns, shapes, bins);
  const keys = columns.map((c, i) => ({
    index: i,
    key: `v${i}`,
    value: c.numeric ? `CAST(v${i} AS VARCHAR)` : `v${i}`,
  }));
  const rows = await db.read(
    `WITH base AS (${base.sql}),
     ${src(
       reader,
       columns.map((c, i) => `${c.numeric ? reader.number(c) : reader.text(c)} AS v${i}`),
     )},
     counts AS (SELECT c, v, n FROM (${valueCounts(keys, "v")}) WHERE v IS NOT NULL)
     SELECT c, v, n, count(*) OVER (PARTITION BY c) AS d, sum(n) OVER (PARTITION BY c) AS total FROM counts
     QUALIFY row_number() OVER (PARTITION BY c ORDER BY n DESC, v) <= ${int(maxCategories)}
     ORDER BY c, n DESC, v`,
    base.params,
  );
  for (const r of rows) {
    const shape = shapes[Number(r.c)] as ReferenceColumnShape;
    shape.categories.push(String(r.v));
    if (!shape.numeric) {
      shape.present = Number(r.total);
      shape.distinct = Number(r.d);
    }
  }
  return shapes;
}
