import { INVALID } from "./json-safe.js";

/** A timestamp for the wire: epoch ms as given, a Date or an ISO-8601 string as an ISO string. */
export function wireTimestamp(x: unknown): number | string | typeof INVALID {
  if (typeof x === "number") return Number.isFinite(x) ? x : INVALID;
  if (typeof x === "string") return Number.isNaN(Date.parse(x)) ? INVALID : x;
  if (x instanceof Date) {
    const ms = x.getTime();
    return Number.isNaN(ms) ? INVALID : x.toISOString();
  }
  return INVALID;
}
