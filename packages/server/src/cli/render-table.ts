/**
 * Aligns rows of cells into columns two spaces apart (the first row is the header); trailing blanks trimmed.
 *
 * @example
 * renderTable([["MODEL", "ROWS"], ["fraud", "12"]]); // "MODEL  ROWS\nfraud  12"
 */
export function renderTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * A number for a table: 4 significant digits, integers as they are, `-` for null, undefined or non-finite.
 *
 * @example
 * formatNumber(0.123456); // "0.1235"
 * formatNumber(null); // "-"
 */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "-";
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(digits)));
}

/**
 * A share as a percentage with one decimal, `-` when unknown.
 *
 * @example
 * formatPercent(0.1234); // "12.3%"
 */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "-";
  return `${(value * 100).toFixed(1)}%`;
}

/**
 * A time in UTC for a table, to the minute (`2024-06-01 00:00Z`), from ISO-8601 or epoch ms; `-` for null.
 *
 * @example
 * formatUtc("2024-06-01T00:00:00.000Z"); // "2024-06-01 00:00Z"
 */
export function formatUtc(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "-";
  const ms = typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms)) return String(value);
  const iso = new Date(ms).toISOString();
  const seconds = iso.slice(17, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === "00.000" ? "" : `:${iso.slice(17, 19)}`}Z`;
}
