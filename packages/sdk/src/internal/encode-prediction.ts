import type { Tags } from "../types.js";
import { INVALID, isPlainObject, wireJson, wireNumber, wireScalar } from "./json-safe.js";
import { wireTimestamp } from "./wire-timestamp.js";

/** What `sl.model()` fixed for every record of a handle. */
export interface ModelDefaults {
  readonly version: string | undefined;
  readonly tags: Tags | undefined;
  /** Reads the caller's active W3C trace id at log time (see `ModelOptions.traceId`). */
  readonly traceId?: (() => string | undefined) | undefined;
  /** The lineage run stamped on every record (see `ModelOptions.runId`). */
  readonly runId?: string | undefined;
}

const TRACE_ID = /^[0-9a-fA-F]{32}$/;
// As the server's `run_id`: 1-128 printable ASCII characters.
const RUN_ID = /^[\x20-\x7e]{1,128}$/;

/**
 * Whether a value is a valid `run_id` on the wire: a string of 1-128 printable ASCII characters.
 *
 * @example
 * isRunId("train-2024-06-01"); // true
 */
export function isRunId(value: unknown): value is string {
  return typeof value === "string" && RUN_ID.test(value);
}

/**
 * One prediction record as an NDJSON line (without the newline), or undefined when the record cannot be
 * sent as it is. Runs in the background flush, not in `log()`.
 */
export function encodePrediction(
  value: unknown,
  id: string,
  timeMs: number,
  defaults: ModelDefaults,
): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const r = value as Record<string, unknown>;

  const features = wireFeatures(r.features);
  if (features === INVALID) return undefined;

  const version = r.version ?? defaults.version;
  if (version !== undefined && (typeof version !== "string" || version === "")) return undefined;

  const timestamp = r.timestamp === undefined ? timeMs : wireTimestamp(r.timestamp);
  if (timestamp === INVALID) return undefined;

  const out: Record<string, unknown> = { id, timestamp };
  if (version !== undefined) out.version = version;
  out.features = features;
  if (r.prediction !== undefined && r.prediction !== null) {
    const prediction = wireJson(r.prediction);
    if (prediction === INVALID) return undefined;
    out.prediction = prediction;
  }

  if (r.scores !== undefined) {
    const scores = wireJson(r.scores);
    if (scores === INVALID) return undefined;
    out.scores = scores;
  }
  if (r.latencyMs !== undefined) {
    if (typeof r.latencyMs !== "number" || !(r.latencyMs >= 0) || r.latencyMs === Infinity) return undefined;
    out.latency_ms = r.latencyMs;
  }
  if (r.error !== undefined) {
    if (r.error instanceof Error) out.error = r.error.message;
    else if (typeof r.error === "string") out.error = r.error;
    else return undefined;
  }
  if (r.traceId !== undefined) {
    if (typeof r.traceId !== "string" || !TRACE_ID.test(r.traceId)) return undefined;
    out.trace_id = r.traceId.toLowerCase();
  }
  const runId = r.runId ?? defaults.runId;
  if (runId !== undefined) {
    if (!isRunId(runId)) return undefined;
    out.run_id = runId;
  }
  const tags = mergeTags(defaults.tags, r.tags);
  if (tags === INVALID) return undefined;
  if (tags !== undefined) out.tags = tags;

  return JSON.stringify(out);
}

// Features are passed through untouched unless a value needs rewriting (non-finite, undefined).
function wireFeatures(x: unknown): Record<string, unknown> | typeof INVALID {
  if (!isPlainObject(x)) return INVALID;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(x)) {
    const v = x[key];
    if (
      typeof v === "number"
        ? Number.isFinite(v)
        : typeof v === "string" || typeof v === "boolean" || v === null
    ) {
      if (copy !== undefined) copy[key] = v;
      continue;
    }
    const w = typeof v === "number" ? wireNumber(v) : wireScalar(v);
    if (w === INVALID) return INVALID;
    if (copy === undefined) copy = { ...x };
    copy[key] = w;
  }
  return copy ?? x;
}

function mergeTags(
  base: Tags | undefined,
  extra: unknown,
): Readonly<Record<string, string>> | undefined | typeof INVALID {
  if (extra === undefined) return base;
  if (!isPlainObject(extra)) return INVALID;
  for (const key of Object.keys(extra)) if (typeof extra[key] !== "string") return INVALID;
  return base === undefined ? (extra as Tags) : { ...base, ...(extra as Tags) };
}
