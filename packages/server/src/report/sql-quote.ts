/**
 * A SQL string literal: single quotes, inner quotes doubled.
 *
 * @example
 * quoteLiteral("it's.csv"); // "'it''s.csv'"
 */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * A SQL identifier: double quotes, inner quotes doubled, so any column name is safe.
 *
 * @example
 * quoteIdentifier('my "col"'); // '"my ""col"""'
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A DOUBLE literal that DuckDB parses back to exactly the same number (a string cast, so no
 * DECIMAL rounding on the way).
 *
 * @example
 * doubleLiteral(0.1); // "'0.1'::DOUBLE"
 */
export function doubleLiteral(value: number): string {
  return `'${String(value)}'::DOUBLE`;
}
