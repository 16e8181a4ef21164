// JSON cannot carry NaN or ±Infinity, so the wire format spells them as strings. These converters
// return INVALID instead of throwing for values JSON cannot represent (functions, symbols, bigints,
// cycles), so the caller can drop the record and count it.

/** Marker for a value that cannot be sent. */
export const INVALID: unique symbol = Symbol("invalid");

const MAX_DEPTH = 32;

/** A number as the wire carries it: finite numbers as they are, others as "NaN", "Infinity", "-Infinity". */
export function wireNumber(x: number): number | string {
  if (Number.isFinite(x)) return x;
  return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
}

/** A scalar feature value for the wire; `undefined` counts as missing (null). */
export function wireScalar(x: unknown): number | string | boolean | null | typeof INVALID {
  switch (typeof x) {
    case "number":
      return wireNumber(x);
    case "string":
    case "boolean":
      return x;
    case "undefined":
      return null;
    case "object":
      return x === null ? null : INVALID;
    default:
      return INVALID;
  }
}

/** A JSON-like value for the wire, converted deeply; plain objects and arrays only. */
export function wireJson(x: unknown, depth = 0): unknown {
  if (typeof x !== "object" || x === null) return wireScalar(x);
  if (depth >= MAX_DEPTH) return INVALID;
  if (Array.isArray(x)) {
    const out: unknown[] = new Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const v = wireJson(x[i], depth + 1);
      if (v === INVALID) return INVALID;
      out[i] = v;
    }
    return out;
  }
  if (!isPlainObject(x)) return INVALID;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(x)) {
    const v = wireJson((x as Record<string, unknown>)[key], depth + 1);
    if (v === INVALID) return INVALID;
    out[key] = v;
  }
  return out;
}

/** True for `{}`-like objects (prototype Object.prototype or null), not arrays, dates or class instances. */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}
