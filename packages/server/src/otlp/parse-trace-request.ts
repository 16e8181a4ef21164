import type { SpanKind, SpanRow, SpanStatusCode } from "../store/span-store.js";
import { keyValuesToJson, OtlpFieldError } from "./any-value.js";

/** What an OTLP/HTTP JSON `ExportTraceServiceRequest` held: the usable spans and the rejected ones. */
export interface ParsedTraceRequest {
  spans: SpanRow[];
  /** Spans that could not be read, with the first reason (OTLP's `partialSuccess`). */
  rejected: number;
  firstError: OtlpFieldError | undefined;
}

const TRACE_ID = /^[0-9a-fA-F]{32}$/;
const SPAN_ID = /^[0-9a-fA-F]{16}$/;
const KINDS: readonly SpanKind[] = ["unspecified", "internal", "server", "client", "producer", "consumer"];
const STATUS_CODES: readonly SpanStatusCode[] = ["unset", "ok", "error"];

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function list(x: unknown, field: string): unknown[] {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x)) throw new OtlpFieldError(field, "must be an array");
  return x;
}

function hexId(x: unknown, pattern: RegExp, length: number, field: string): string {
  if (typeof x !== "string" || !pattern.test(x)) {
    throw new OtlpFieldError(
      field,
      `must be ${length} hex characters (OTLP/JSON encodes ids as hex, not base64)`,
    );
  }
  if (/^0+$/.test(x)) throw new OtlpFieldError(field, "must not be all zeros");
  return x.toLowerCase();
}

// Enums arrive as integers in OTLP/JSON, though some encoders send the enum's name.
function enumValue<T>(x: unknown, names: readonly T[], prefix: string, field: string): T {
  if (x === undefined || x === null) return names[0]!;
  if (typeof x === "number" && Number.isInteger(x) && x >= 0 && x < names.length) return names[x]!;
  if (typeof x === "string" && x.startsWith(prefix)) {
    const name = x.slice(prefix.length).toLowerCase() as T;
    if (names.includes(name)) return name;
  }
  throw new OtlpFieldError(field, `must be an integer 0-${names.length - 1} or a ${prefix}* name`);
}

function unixNano(x: unknown, field: string): bigint {
  if (typeof x === "string" && /^\d{1,20}$/.test(x)) return BigInt(x);
  if (typeof x === "number" && Number.isInteger(x) && x >= 0) return BigInt(x);
  throw new OtlpFieldError(field, "must be unix nanoseconds as a decimal string or an integer");
}

function parseSpan(s: unknown, field: string, serviceName: string | null, receivedMs: number): SpanRow {
  if (!isObject(s)) throw new OtlpFieldError(field, "must be a span object");
  const traceId = hexId(s.traceId, TRACE_ID, 32, `${field}.traceId`);
  const spanId = hexId(s.spanId, SPAN_ID, 16, `${field}.spanId`);
  const parent = s.parentSpanId;
  const parentSpanId =
    parent === undefined || parent === null || parent === ""
      ? null
      : hexId(parent, SPAN_ID, 16, `${field}.parentSpanId`);
  if (typeof s.name !== "string") throw new OtlpFieldError(`${field}.name`, "must be a string");
  const kind = enumValue(s.kind, KINDS, "SPAN_KIND_", `${field}.kind`);
  const startNs = unixNano(s.startTimeUnixNano, `${field}.startTimeUnixNano`);
  const endNs = unixNano(s.endTimeUnixNano, `${field}.endTimeUnixNano`);
  if (endNs < startNs)
    throw new OtlpFieldError(`${field}.endTimeUnixNano`, "must not be before startTimeUnixNano");
  let statusCode: SpanStatusCode = "unset";
  let statusMessage: string | null = null;
  if (s.status !== undefined && s.status !== null) {
    if (!isObject(s.status)) throw new OtlpFieldError(`${field}.status`, "must be an object");
    statusCode = enumValue(s.status.code, STATUS_CODES, "STATUS_CODE_", `${field}.status.code`);
    const message = s.status.message;
    if (message !== undefined && message !== null && typeof message !== "string") {
      throw new OtlpFieldError(`${field}.status.message`, "must be a string");
    }
    statusMessage = message === undefined || message === null || message === "" ? null : message;
  }
  const attributes = keyValuesToJson(s.attributes, `${field}.attributes`);
  return {
    traceId,
    spanId,
    parentSpanId,
    name: s.name,
    serviceName,
    kind,
    startMs: Number(startNs / 1_000_000n),
    endMs: Number(endNs / 1_000_000n),
    durationMs: Number(endNs - startNs) / 1e6,
    statusCode,
    statusMessage,
    attributesJson: JSON.stringify(attributes),
    receivedMs,
  };
}

/**
 * Reads an OTLP/HTTP JSON `ExportTraceServiceRequest` (resourceSpans → scopeSpans → spans, ids as hex,
 * times as unix-nano strings), as the OTLP specification's JSON encoding defines it. A span that cannot
 * be read is counted as rejected (the caller answers with `partialSuccess`); a request whose structure
 * above the spans is wrong throws OtlpFieldError naming the field. `service.name` comes from the
 * resource attributes.
 *
 * @example
 * const { spans, rejected } = parseTraceRequest(JSON.parse(body), Date.now());
 */
export function parseTraceRequest(body: unknown, receivedMs: number): ParsedTraceRequest {
  if (!isObject(body)) throw new OtlpFieldError("body", "must be an ExportTraceServiceRequest object");
  const spans: SpanRow[] = [];
  let rejected = 0;
  let firstError: OtlpFieldError | undefined;
  const resourceSpans = list(body.resourceSpans, "resourceSpans");
  for (let r = 0; r < resourceSpans.length; r++) {
    const rs = resourceSpans[r];
    const rField = `resourceSpans[${r}]`;
    if (!isObject(rs)) throw new OtlpFieldError(rField, "must be an object");
    const resource = rs.resource;
    if (resource !== undefined && resource !== null && !isObject(resource)) {
      throw new OtlpFieldError(`${rField}.resource`, "must be an object");
    }
    const resourceAttributes = keyValuesToJson(resource?.attributes, `${rField}.resource.attributes`);
    const service = resourceAttributes["service.name"];
    const serviceName = typeof service === "string" ? service : null;
    const scopeSpans = list(rs.scopeSpans, `${rField}.scopeSpans`);
    for (let s = 0; s < scopeSpans.length; s++) {
      const ss = scopeSpans[s];
      const sField = `${rField}.scopeSpans[${s}]`;
      if (!isObject(ss)) throw new OtlpFieldError(sField, "must be an object");
      const items = list(ss.spans, `${sField}.spans`);
      for (let i = 0; i < items.length; i++) {
        try {
          spans.push(parseSpan(items[i], `${sField}.spans[${i}]`, serviceName, receivedMs));
        } catch (error) {
          if (!(error instanceof OtlpFieldError)) throw error;
          rejected++;
          firstError ??= error;
        }
      }
    }
  }
  return { spans, rejected, firstError };
}
