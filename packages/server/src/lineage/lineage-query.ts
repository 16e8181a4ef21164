import { SightlineError } from "../errors.js";
import { parseTimestamp } from "../ingest/timestamp.js";
import { checkModelName } from "../names.js";
import type { FlagTarget } from "../store/lineage-store.js";
import { type RunStatus, runStatuses } from "./run-record.js";
import { defaultStaleDays } from "./staleness.js";

function bad(field: string, reason: string): SightlineError {
  return new SightlineError("SL_INVALID_QUERY", `${field} ${reason}`, { field });
}

/**
 * Reads an integer query parameter in `[min, max]`, or `fallback` when absent.
 *
 * @example
 * intParam("20", "limit", 1, 1000, 50); // 20
 */
export function intParam(
  value: string | undefined,
  field: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw bad(field, `must be an integer from ${min} to ${max}; got '${value.slice(0, 100)}'`);
  }
  return n;
}

/**
 * Reads `stale_days`: a positive number of days (fractions allowed), default 30.
 *
 * @example
 * staleDaysParam("7"); // 7
 */
export function staleDaysParam(value: string | undefined): number {
  if (value === undefined || value === "") return defaultStaleDays;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 36_500) {
    throw bad("stale_days", `must be a positive number of days up to 36500; got '${value.slice(0, 100)}'`);
  }
  return n;
}

/**
 * Reads a time query parameter (ISO-8601 or epoch ms), or undefined when absent.
 *
 * @example
 * timeParam("2024-01-01T00:00:00Z", "from"); // 1704067200000
 */
export function timeParam(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const parsed = parseTimestamp(/^\d+$/.test(value) ? Number(value) : value);
  if (typeof parsed === "string") throw bad(field, parsed);
  return parsed;
}

/**
 * Reads a run status filter.
 *
 * @example
 * statusParam("failed"); // "failed"
 */
export function statusParam(value: string | undefined): RunStatus | undefined {
  if (value === undefined || value === "") return undefined;
  if (!(runStatuses as readonly string[]).includes(value))
    throw bad("status", `must be one of ${runStatuses.join(", ")}`);
  return value as RunStatus;
}

/**
 * Reads a flag target from a body or query: `{ artifact }` or `{ model, prediction }`.
 *
 * @example
 * parseFlagTarget({ model: "flight-delay", prediction: "p-1" }); // { model: "flight-delay", prediction: "p-1" }
 */
export function parseFlagTarget(value: unknown): FlagTarget {
  const body =
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const invalid = (field: string, reason: string) =>
    new SightlineError("SL_INVALID_LINEAGE", `${field} ${reason}`, { field });
  if (!body) throw invalid("$", "must be an object { artifact } or { model, prediction }");
  for (const key of Object.keys(body)) {
    if (!["artifact", "model", "prediction"].includes(key)) throw invalid(key, "is not a known flag field");
  }
  if (body.artifact !== undefined) {
    if (body.model !== undefined || body.prediction !== undefined) {
      throw invalid("artifact", "cannot be given with model and prediction: flag one output at a time");
    }
    if (typeof body.artifact !== "string" || body.artifact === "" || body.artifact.length > 2048) {
      throw invalid("artifact", "must be a non-empty artifact name");
    }
    return { artifact: body.artifact };
  }
  if (typeof body.model !== "string")
    throw invalid("model", "is required with prediction (or give artifact)");
  const model = checkModelName(body.model);
  if (typeof body.prediction !== "string" || !/^[\x21-\x7e]{1,128}$/.test(body.prediction)) {
    throw invalid("prediction", "must be a prediction id (1-128 printable ASCII characters)");
  }
  return { model, prediction: body.prediction };
}
