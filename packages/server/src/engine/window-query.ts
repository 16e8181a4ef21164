import { SightlineError } from "../errors.js";
import type { WindowScope } from "../store/window-store.js";
import type { Segment } from "./check.js";
import { parseDuration } from "./window.js";

/** Query-string parameters of the window endpoints (`/drift`, `/quality`, `/outputs`). */
export interface WindowQueryParams {
  from?: string;
  to?: string;
  window?: string;
  version?: string;
  segment?: string;
  cumulative?: string;
}

const DAY_MS = 86_400_000;
/** Default range: this long before the newest prediction. */
export const DEFAULT_RANGE_MS = 7 * DAY_MS;

function bad(field: string, reason: string): never {
  throw new SightlineError("SL_INVALID_QUERY", `${field} ${reason}`, { field });
}

/**
 * Parses a timestamp given as epoch milliseconds or ISO-8601 (with a time zone or `Z`; a bare date is UTC).
 *
 * @example
 * parseTimestamp("2024-03-01", "from"); // 1709251200000
 */
export function parseTimestamp(text: string, field: string): number {
  const value = text.trim();
  if (/^-?\d+$/.test(value)) {
    const ms = Number(value);
    if (!Number.isSafeInteger(ms)) bad(field, `must be epoch milliseconds or ISO-8601; got '${text}'`);
    return ms;
  }
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;
  const ms = iso.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) {
    bad(
      field,
      `must be epoch milliseconds or an ISO-8601 time with a zone (e.g. 2024-03-01T00:00:00Z); got '${text}'`,
    );
  }
  return ms;
}

/**
 * Parses `segment=tag:value`.
 *
 * @example
 * parseSegment("region:eu"); // { tag: "region", value: "eu" }
 */
export function parseSegment(text: string): Segment {
  const at = text.indexOf(":");
  if (at <= 0 || at === text.length - 1) bad("segment", `must be tag:value (e.g. region:eu); got '${text}'`);
  return { tag: text.slice(0, at), value: text.slice(at + 1) };
}

/**
 * Turns the endpoint parameters into a window scope. `to` defaults to just after the newest prediction
 * (`newestMs`), `from` to 7 days before `to`; `window` (default 1d) gives fixed windows aligned to the
 * epoch, `cumulative=true` one window [from, to). Throws SL_INVALID_QUERY naming the field.
 *
 * @example
 * windowScope("m", { window: "1h" }, Date.UTC(2024, 0, 8)); // { fromMs: Date.UTC(2024, 0, 1), sizeMs: 3_600_000, ... }
 */
export function windowScope(
  model: string,
  params: WindowQueryParams,
  newestMs: number | null,
  version?: string,
): WindowScope & { cumulative: boolean } {
  for (const [field, value] of Object.entries(params)) {
    if (value !== undefined && typeof value !== "string") bad(field, "must be given once");
  }
  const cumulative = params.cumulative ?? "false";
  if (cumulative !== "true" && cumulative !== "false")
    bad("cumulative", `must be true or false; got '${cumulative}'`);
  const sizeMs = parseDuration(params.window ?? "1d", "window");
  const toMs =
    params.to !== undefined ? parseTimestamp(params.to, "to") : newestMs === null ? 0 : newestMs + 1;
  const fromMs = params.from !== undefined ? parseTimestamp(params.from, "from") : toMs - DEFAULT_RANGE_MS;
  if (!(toMs > fromMs))
    bad(
      "to",
      `must be after from (from ${new Date(fromMs).toISOString()}, to ${new Date(toMs).toISOString()})`,
    );
  if (cumulative === "false" && (toMs - fromMs) / sizeMs > 10_000) {
    bad("window", `gives more than 10000 windows over [from, to); use a larger window`);
  }
  const scope: WindowScope & { cumulative: boolean } = {
    model,
    fromMs,
    toMs,
    sizeMs: cumulative === "true" ? toMs - fromMs : sizeMs,
    originMs: cumulative === "true" ? fromMs : 0,
    cumulative: cumulative === "true",
  };
  if (version !== undefined) scope.version = version;
  if (params.segment !== undefined) scope.segment = parseSegment(params.segment);
  return scope;
}

/**
 * The window `[fromMs, toMs)` a row of an aggregate belongs to, clipped to the scope (the first and last
 * fixed windows may stick out of the range asked for).
 *
 * @example
 * windowBounds(scope, 0); // { fromMs: 0, toMs: 86_400_000 }
 */
export function windowBounds(scope: WindowScope, startMs: number): { fromMs: number; toMs: number } {
  return { fromMs: Math.max(startMs, scope.fromMs), toMs: Math.min(startMs + scope.sizeMs, scope.toMs) };
}
