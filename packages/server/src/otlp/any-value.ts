/** Why a value could not be read, with the path of the offending field. */
export class OtlpFieldError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = "OtlpFieldError";
  }
}

const MAX_DEPTH = 16;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * An OTLP `AnyValue` in its JSON encoding as a plain JSON value: `stringValue`, `boolValue`,
 * `intValue` (a decimal string or a number; kept as a number when it is a safe integer, else as the
 * string), `doubleValue`, `arrayValue.values`, `kvlistValue.values` and `bytesValue` (base64, kept as
 * the string). An empty AnyValue is null. Throws OtlpFieldError naming `field`.
 *
 * @example
 * anyValueToJson({ intValue: "42" }, "attributes[0].value"); // 42
 */
export function anyValueToJson(value: unknown, field: string, depth = 0): unknown {
  if (!isObject(value)) throw new OtlpFieldError(field, "must be an AnyValue object");
  if (depth > MAX_DEPTH) throw new OtlpFieldError(field, `is nested deeper than ${MAX_DEPTH} levels`);
  if ("stringValue" in value) {
    if (typeof value.stringValue !== "string")
      throw new OtlpFieldError(`${field}.stringValue`, "must be a string");
    return value.stringValue;
  }
  if ("boolValue" in value) {
    if (typeof value.boolValue !== "boolean")
      throw new OtlpFieldError(`${field}.boolValue`, "must be a boolean");
    return value.boolValue;
  }
  if ("intValue" in value) {
    const v = value.intValue;
    if (typeof v === "number" && Number.isInteger(v)) return v;
    if (typeof v === "string" && /^-?\d{1,20}$/.test(v)) {
      const n = Number(v);
      return Number.isSafeInteger(n) ? n : v;
    }
    throw new OtlpFieldError(`${field}.intValue`, "must be an integer or a decimal string");
  }
  if ("doubleValue" in value) {
    const v = value.doubleValue;
    if (typeof v === "number") return v;
    // The protobuf JSON mapping spells non-finite doubles as strings.
    if (v === "NaN" || v === "Infinity" || v === "-Infinity") return v;
    throw new OtlpFieldError(`${field}.doubleValue`, "must be a number");
  }
  if ("bytesValue" in value) {
    if (typeof value.bytesValue !== "string")
      throw new OtlpFieldError(`${field}.bytesValue`, "must be a base64 string");
    return value.bytesValue;
  }
  if ("arrayValue" in value) {
    const values = isObject(value.arrayValue) ? (value.arrayValue.values ?? []) : undefined;
    if (!Array.isArray(values)) throw new OtlpFieldError(`${field}.arrayValue.values`, "must be an array");
    return values.map((v, i) => anyValueToJson(v, `${field}.arrayValue.values[${i}]`, depth + 1));
  }
  if ("kvlistValue" in value) {
    const values = isObject(value.kvlistValue) ? (value.kvlistValue.values ?? []) : undefined;
    return keyValuesToJson(values, `${field}.kvlistValue.values`, depth + 1);
  }
  return null;
}

/**
 * OTLP `KeyValue[]` (attributes, kvlists) as one JSON object; a missing list is an empty object.
 *
 * @example
 * keyValuesToJson([{ key: "service.name", value: { stringValue: "api" } }], "attributes"); // { "service.name": "api" }
 */
export function keyValuesToJson(list: unknown, field: string, depth = 0): Record<string, unknown> {
  if (list === undefined || list === null) return {};
  if (!Array.isArray(list)) throw new OtlpFieldError(field, "must be an array of { key, value }");
  const out: Record<string, unknown> = {};
  for (let i = 0; i < list.length; i++) {
    const kv: unknown = list[i];
    if (!isObject(kv) || typeof kv.key !== "string") {
      throw new OtlpFieldError(`${field}[${i}].key`, "must be a string");
    }
    out[kv.key] = kv.value === undefined ? null : anyValueToJson(kv.value, `${field}[${i}].value`, depth);
  }
  return out;
}
