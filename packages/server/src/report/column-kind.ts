/** How a column is compared: numeric values, categories, or true/false. */
export type ColumnKind = "numeric" | "categorical" | "boolean";

const NUMERIC = new Set([
  "TINYINT",
  "SMALLINT",
  "INTEGER",
  "BIGINT",
  "HUGEINT",
  "UTINYINT",
  "USMALLINT",
  "UINTEGER",
  "UBIGINT",
  "UHUGEINT",
  "FLOAT",
  "DOUBLE",
]);

/**
 * The kind of a column from its DuckDB type name (as `DESCRIBE` prints it): integers, floats and
 * decimals are numeric, BOOLEAN is boolean, VARCHAR, ENUM and UUID are categorical; anything else
 * (dates, timestamps, lists, structs, blobs) is not compared and gives null.
 *
 * @example
 * columnKindOf("DECIMAL(18,3)"); // "numeric"
 * columnKindOf("TIMESTAMP"); // null
 */
export function columnKindOf(duckdbType: string): ColumnKind | null {
  const type = duckdbType.trim().toUpperCase();
  if (NUMERIC.has(type) || type.startsWith("DECIMAL")) return "numeric";
  if (type === "BOOLEAN") return "boolean";
  if (type === "VARCHAR" || type === "UUID" || type.startsWith("ENUM")) return "categorical";
  return null;
}
