import type { BinnedColumn, ColumnCounts } from "../window-store.js";
import { type ColumnReader, categoryOf } from "./column-reader.js";
import type { DuckDbDatabase } from "./duckdb-database.js";

/** A query over `WITH base AS (sql)`, its parameters first. */
export type BaseQuery = { sql: string; params: unknown[] };

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

// Bin and category lists go in as parameters, not literals: 50 columns of 1,000 cuts as literals made a
// 1.6 MB statement whose parsing took longer than the aggregation. Doubles travel as their JavaScript text
// and are cast by DuckDB, so DuckDB reads back exactly the number JavaScript printed.
function listParam(values: readonly (number | string)[], type: "INTEGER" | "DOUBLE"): string {
  return values.length === 0 ? `[]::${type}[]` : `CAST(string_split(?, ',') AS ${type}[])`;
}

function emptyCounts(column: BinnedColumn): ColumnCounts {
  const bins = column.binning === "cuts" ? column.cuts.length + 1 : column.categories.length + 1;
  return {
    counts: new Array<number>(bins).fill(0),
    sums: column.binning === "cuts" ? new Array<number>(bins).fill(0) : [],
    present: 0,
    min: null,
    max: null,
  };
}

interface Plan {
  /** Expressions computed once per row in `src`. */
  src: string[];
  ctes: string[];
  selects: string[];
  params: unknown[];
}

// Numeric columns: values binned by an ASOF join on the cuts (the largest cut below the value). Columns
// whose cuts are mostly whole numbers (counts, minutes, miles, hours) repeat values heavily, so their values
// are grouped per (window, column, value) first and the join sees a fraction of the rows (the 3M flights:
// 244k instead of 12M); continuous columns go to the join directly, where grouping first would only add a
// pass. Either way the answer is the same.
function repeatsValues(cuts: readonly number[]): boolean {
  return cuts.length > 0 && cuts.filter(Number.isInteger).length >= 0.9 * cuts.length;
}

/**
 * Counts per (window, column, value) over the wide rows of `src`: one grouping set per column (its `key`
 * column in `src`), each tagged by GROUPING(), which hashes the rows in place (half the CPU of unnesting them
 * into a long form first). `value` turns the key into the answer's `name` after grouping, on distinct
 * values only.
 *
 * @example
 * valueCounts([{ index: 0, key: "x0", value: "x0" }], "x"); // SELECT w, ... AS c, ... AS x, count(*) AS n FROM src ...
 */
export function valueCounts(
  keys: readonly { index: number; key: string; value: string }[],
  name: string,
): string {
  const which = (then: (k: { index: number; key: string; value: string }) => string) =>
    `CASE ${keys.map((k) => `WHEN GROUPING(${k.key}) = 0 THEN ${then(k)}`).join(" ")} END`;
  return `SELECT w, ${which((k) => String(k.index))} AS c, ${which((k) => k.value)} AS ${name}, count(*) AS n
    FROM src GROUP BY GROUPING SETS (${keys.map((k) => `(w, ${k.key})`).join(", ")})`;
}

const keyed = (prefix: string, indices: readonly number[]) =>
  indices.map((i) => ({ index: i, key: `${prefix}${i}`, value: `${prefix}${i}` }));

function planNumeric(plan: Plan, reader: ColumnReader, columns: readonly BinnedColumn[]): void {
  const numeric = columns.flatMap((c, i) => (c.binning === "cuts" ? [{ c, i }] : []));
  if (numeric.length === 0) return;
  const edgeColumns: number[] = [];
  const edgeCuts: number[] = [];
  const edgeIndex: number[] = [];
  for (const { c, i } of numeric) {
    if (c.binning !== "cuts") continue;
    c.cuts.forEach((cut, k) => {
      edgeColumns.push(i);
      edgeCuts.push(cut);
      edgeIndex.push(k + 1);
    });
  }
  for (const { c, i } of numeric) plan.src.push(`${reader.number(c)} AS x${i}`);
  const long = (part: typeof numeric) =>
    `SELECT w, unnest([${part.map(({ i }) => i).join(", ")}]) AS c,
       unnest([${part.map(({ i }) => `x${i}`).join(", ")}]::DOUBLE[]) AS x FROM src`;
  const repeating = numeric.filter(({ c }) => c.binning === "cuts" && repeatsValues(c.cuts));
  const continuous = numeric.filter((n) => !repeating.includes(n));
  const values = [
    ...(repeating.length === 0
      ? []
      : [
          `SELECT w, c, x, n, x * n AS s FROM (${valueCounts(
            keyed(
              "x",
              repeating.map(({ i }) => i),
            ),
            "x",
          )}) WHERE isfinite(x)`,
        ]),
    ...(continuous.length === 0
      ? []
      : [`SELECT w, c, x, 1 AS n, x AS s FROM (${long(continuous)}) WHERE isfinite(x)`]),
  ];
  plan.ctes.push(
    `num_values AS (${values.join(" UNION ALL ")})`,
    `edges AS (SELECT unnest(${listParam(edgeColumns, "INTEGER")}) AS c, unnest(${listParam(edgeCuts, "DOUBLE")}) AS cut,
       unnest(${listParam(edgeIndex, "INTEGER")}) AS k)`,
    // A bin's sum added in value order, so it does not depend on the order rows arrived or threads added
    // them: replayed late data must give the same answer as live data, to the last digit.
    `num_bins AS (SELECT w, num_values.c AS c, coalesce(edges.k, 0) AS b, sum(n) AS n, sum(s) AS s, min(x) AS lo, max(x) AS hi
       FROM num_values ASOF LEFT JOIN edges ON num_values.c = edges.c AND num_values.x > edges.cut
       GROUP BY ALL)`,
  );
  if (edgeCuts.length > 0) plan.params.push(edgeColumns.join(","), edgeCuts.join(","), edgeIndex.join(","));
  plan.selects.push(
    "SELECT 0 AS kind, w, c, list(b) AS b, list(n) AS n, list(s) AS s, min(lo) AS lo, max(hi) AS hi FROM num_bins GROUP BY ALL",
  );
}

// Category columns: counts per (window, column, text), then matched to the reference categories (the
// unmatched ones go to the last, "other/unseen" bucket).
function planCategories(plan: Plan, reader: ColumnReader, columns: readonly BinnedColumn[]): void {
  const categorical = columns.flatMap((c, i) => (c.binning === "categories" ? [{ c, i }] : []));
  if (categorical.length === 0) return;
  const catColumns: number[] = [];
  const catValues: string[] = [];
  const catIndex: number[] = [];
  for (const { c, i } of categorical) {
    if (c.binning !== "categories") continue;
    c.categories.forEach((v, k) => {
      catColumns.push(i);
      catValues.push(v);
      catIndex.push(k);
    });
  }
  for (const { c, i } of categorical)
    plan.src.push(`${categoryOf(reader, c, c.binning === "categories" && c.numeric)} AS v${i}`);
  const values = catValues.length === 0 ? "[]::VARCHAR[]" : "CAST(?::JSON AS VARCHAR[])";
  plan.ctes.push(
    `cat_values AS (SELECT * FROM (${valueCounts(
      keyed(
        "v",
        categorical.map(({ i }) => i),
      ),
      "v",
    )}) WHERE v IS NOT NULL)`,
    `cats AS (SELECT unnest(${listParam(catColumns, "INTEGER")}) AS c, unnest(${values}) AS v,
       unnest(${listParam(catIndex, "INTEGER")}) AS k)`,
    `cat_bins AS (SELECT w, cat_values.c AS c, coalesce(cats.k, -1) AS k, sum(n) AS n
       FROM cat_values LEFT JOIN cats ON cats.c = cat_values.c AND cats.v = cat_values.v GROUP BY ALL)`,
  );
  if (catValues.length > 0)
    plan.params.push(catColumns.join(","), JSON.stringify(catValues), catIndex.join(","));
  plan.selects.push(
    "SELECT 1 AS kind, w, c, list(k) AS b, list(n) AS n, NULL AS s, NULL AS lo, NULL AS hi FROM cat_bins GROUP BY ALL",
  );
}

/**
 * Every column's bin counts per window over `base`, numeric and category columns in one statement (the
 * rows are read, and their JSON parsed, once): a map from window start to column name to counts.
 *
 * @example
 * const counts = await countColumns(db, base, columns, jsonColumnReader(columns));
 * counts.get(0)?.get("distance")?.counts; // one count per bin
 */
export async function countColumns(
  db: DuckDbDatabase,
  base: BaseQuery,
  columns: readonly BinnedColumn[],
  reader: ColumnReader,
): Promise<Map<number, Map<string, ColumnCounts>>> {
  const out = new Map<number, Map<string, ColumnCounts>>();
  if (columns.length === 0) return out;
  const plan: Plan = { src: [], ctes: [], selects: [], params: [...base.params] };
  planNumeric(plan, reader, columns);
  planCategories(plan, reader, columns);
  const src = `src AS ${reader.costly ? "" : "NOT "}MATERIALIZED (SELECT w, ${plan.src.join(", ")} FROM ${reader.from})`;
  const rows = await db.read(
    `WITH base AS (${base.sql}), ${src}, ${plan.ctes.join(",\n")}\n${plan.selects.join("\nUNION ALL\n")}`,
    plan.params,
  );
  const slot = (w: number, index: number): ColumnCounts => {
    const column = columns[index] as BinnedColumn;
    let byColumn = out.get(w);
    if (!byColumn) {
      byColumn = new Map();
      out.set(w, byColumn);
    }
    let counts = byColumn.get(column.name);
    if (!counts) {
      counts = emptyCounts(column);
      byColumn.set(column.name, counts);
    }
    return counts;
  };
  // One row per (kind, window, column) with its bins as lists: a row per bin made 1.6M rows on the model
  // page's 50 features x 181 days, and turning them into objects cost more than the query.
  for (const r of rows) {
    const counts = slot(Number(r.w), Number(r.c));
    const bins = r.b as number[];
    const ns = r.n as unknown[];
    if (Number(r.kind) === 0) {
      const sums = r.s as unknown[];
      counts.min = num(r.lo);
      counts.max = num(r.hi);
      bins.forEach((b, j) => {
        counts.counts[Number(b)] = Number(ns[j]);
        counts.sums[Number(b)] = Number(sums[j]);
        counts.present += Number(ns[j]);
      });
    } else {
      bins.forEach((k, j) => {
        const bin = Number(k) < 0 ? counts.counts.length - 1 : Number(k);
        counts.counts[bin] = (counts.counts[bin] as number) + Number(ns[j]);
        counts.present += Number(ns[j]);
      });
    }
  }
  return out;
}
