import { createHash } from "node:crypto";

/**
 * A UUIDv7-shaped id for an alert: the 48-bit millisecond time of `startsMs` (so ids sort by start) and,
 * instead of random bits, a SHA-256 of the fingerprint and start, so replaying the same data gives the same id.
 *
 * @example
 * alertId("drift|distance||", Date.UTC(2024, 0, 1)); // "018cc251-f400-7…"
 */
export function alertId(fingerprint: string, startsMs: number): string {
  const hash = createHash("sha256").update(`${fingerprint}\u0000${startsMs}`).digest("hex");
  const time = Math.max(0, Math.floor(startsMs)).toString(16).padStart(12, "0").slice(-12);
  const variant = ((Number.parseInt(hash.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hash.slice(0, 3)}-${variant}${hash.slice(4, 7)}-${hash.slice(7, 19)}`;
}
