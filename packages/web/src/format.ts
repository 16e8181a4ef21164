const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
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
