import { type ColumnType, maxCategories } from "../../contract/contract.js";
import type { ColumnSummary } from "../../contract/learn-contract.js";
import { SightlineError } from "../../errors.js";

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

const numericTypes =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)\b/;
// Lists (`BIGINT[]`, `INTEGER[3]`), structs, maps and unions: predictions cannot carry such features either.
const nestedTypes = /\[\d*\]$|^(STRUCT|MAP|UNION)\(/;

function columnType(name: string, duckType: string): ColumnType {
  if (nestedTypes.test(duckType)) {
    throw new SightlineError(
      "SL_INVALID_REFERENCE",
      `reference column ${JSON.stringify(name)} holds nested values (${duckType}): columns must hold numbers, strings or booleans`,
      { field: name },
    );
  }
  if (duckType === "BOOLEAN") return "boolean";
  return numericTypes.test(duckType) ? "numeric" : "categorical";
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Summarises every column of a freshly imported reference table in DuckDB (counts, finite range, deciles,
 * categories), so the contract is learned without pulling rows into Node.
 */
export async function summarizeReference(query: Query, table: string): Promise<ColumnSummary[]> {
  const columns = await query(`DESCRIBE ${table}`);
  const summaries: ColumnSummary[] = [];
  for (const c of columns) {
    const name = c.column_name as string;
    const type = columnType(name, c.column_type as string);
    const col = ident(name);
    if (type === "numeric") {
      // NaN and infinities count as missing: they are never valid feature values.
      const [r] = await query(
        `WITH v AS (SELECT CAST(${col} AS DOUBLE) AS x FROM ${table})
         SELECT count(*) AS rows, count(*) FILTER (WHERE x IS NULL OR NOT isfinite(x)) AS missing,
                min(x) FILTER (WHERE isfinite(x)) AS min, max(x) FILTER (WHERE isfinite(x)) AS max,
                approx_count_distinct(x) AS distinct,
                quantile_cont(x, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) FILTER (WHERE isfinite(x)) AS quantiles
         FROM v`,
      );
      summaries.push({
        name,
        type,
        rows: Number(r?.rows ?? 0),
        missing: Number(r?.missing ?? 0),
        min: (r?.min as number | null) ?? null,
        max: (r?.max as number | null) ?? null,
        distinct: Number(r?.distinct ?? 0),
        categories: [],
        quantiles: (r?.quantiles as number[] | null) ?? null,
      });
    } else {
      const [r] = await query(
        `SELECT count(*) AS rows, count(*) - count(${col}) AS missing, count(DISTINCT ${col}) AS distinct FROM ${table}`,
      );
      const categories = await query(
        `SELECT DISTINCT CAST(${col} AS VARCHAR) AS v FROM ${table} WHERE ${col} IS NOT NULL ORDER BY 1 LIMIT ${maxCategories + 1}`,
      );
      summaries.push({
        name,
        type,
        rows: Number(r?.rows ?? 0),
        missing: Number(r?.missing ?? 0),
        min: null,
        max: null,
        distinct: Number(r?.distinct ?? 0),
        categories: categories.map((x) => x.v as string),
        quantiles: null,
      });
    }
  }
  return summaries;
}
