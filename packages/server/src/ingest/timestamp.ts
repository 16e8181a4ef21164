// ISO-8601 date or date-time; a date-time without an offset is read as UTC (never local time).
const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

// Epoch values below this (March 1973) are almost certainly seconds sent where milliseconds are expected.
const minEpochMs = 1e11;
const maxEpochMs = 8.64e15;

/**
 * Parses an event timestamp (ISO-8601 string or epoch milliseconds) to epoch ms, or returns the reason it
 * is invalid.
 *
 * @example
 * parseTimestamp("2001-02-03T04:05:06Z"); // 981173106000
 */
export function parseTimestamp(value: string | number): number | string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "must be a finite number of epoch milliseconds";
    if (Math.abs(value) < minEpochMs) return "looks like epoch seconds: send epoch milliseconds or ISO-8601";
    if (Math.abs(value) > maxEpochMs) return "is out of the representable date range";
    return Math.trunc(value);
  }
  const match = isoPattern.exec(value);
  if (!match) return "must be ISO-8601 (e.g. 2001-02-03T04:05:06Z) or epoch milliseconds";
  const hasTime = match[4] !== undefined;
  const text = hasTime && match[7] === undefined ? `${value}Z` : value;
  const ms = Date.parse(text.replace(" ", "T"));
  if (Number.isNaN(ms)) return "is not a valid date";
  return ms;
}
