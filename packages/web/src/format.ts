const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumSignificantDigits: 3 });
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** A count with thousands separators: 1234567 → "1,234,567". */
export function formatCount(value: number): string {
  return integer.format(value);
}

const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];

/** A time relative to `nowMs`: "3 hours ago", "yesterday"; "never" for null. */
export function formatRelative(iso: string | null, nowMs: number): string {
  if (iso === null) return "never";
  const deltaMs = Date.parse(iso) - nowMs;
  for (const [unit, ms] of steps) {
    if (Math.abs(deltaMs) >= ms || unit === "second") return relative.format(Math.round(deltaMs / ms), unit);
  }
  return iso;
}

/** A UTC date and time to the second: "2024-01-01 03:00:00 UTC"; "—" for null. */
export function formatDateTime(iso: string | null): string {
  if (iso === null || Number.isNaN(Date.parse(iso))) return "—";
  return `${new Date(iso).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/**
 * A measured number for people: thousands separators, `digits` significant digits below 1,000,
 * scientific notation below 0.001 (p-values); "—" for null or a non-finite value.
 */
export function formatNumber(value: number | null, digits = 3): string {
  if (value === null || !Number.isFinite(value)) return "—";
  const size = Math.abs(value);
  if (size !== 0 && size < 1e-3) return value.toExponential(digits - 1);
  if (size >= 1000) return integer.format(value);
  return significant(digits).format(value);
}

// Building an Intl.NumberFormat costs tens of microseconds: the drift matrix labels thousands of cells.
const significantFormats = new Map<number, Intl.NumberFormat>();
function significant(digits: number): Intl.NumberFormat {
  let format = significantFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { maximumSignificantDigits: digits });
    significantFormats.set(digits, format);
  }
  return format;
}

/** A share as a percentage: 0.0467 → "4.67%"; "—" for null. */
export function formatPercent(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return "—";
  return percent.format(share);
}

/** How long something took: 1800000 → "30 min", 5400000 → "1.5 h", 97200000 → "1 d 3 h"; "—" for null. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${formatNumber(ms / 1000)} s`;
  if (ms < 3_600_000) return `${formatNumber(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${formatNumber(ms / 3_600_000, 2)} h`;
  const days = Math.floor(ms / 86_400_000);
  const hours = Math.round((ms % 86_400_000) / 3_600_000);
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}
