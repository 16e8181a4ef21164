/**
 * A number for people: 4 significant digits, scientific below 1e-3 and from 1e6, "inf"/"nan" spelled out.
 *
 * @example
 * formatNumber(0.123456); // "0.1235"
 * formatNumber(3.2e-9); // "3.20e-9"
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs < 1e-3 || abs >= 1e6) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}
