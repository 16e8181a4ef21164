import { SightlineError } from "./sightline-error.js";
import type { DropReason } from "./types.js";

/**
 * Options of `new Sightline()`. Only `url` is required.
 *
 * @example
 * const sl = new Sightline({ url: "http://localhost:7070", apiKey: process.env.SIGHTLINE_API_KEY });
 */
export interface SightlineOptions {
  /** Base URL of the Sightline server, e.g. `http://localhost:7070`. */
  url: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string | undefined;
  /** Records per request (default 500). */
  batchSize?: number | undefined;
  /** A partial batch is sent after at most this long (default 1000). */
  flushIntervalMs?: number | undefined;
  /** Records held in memory across all models, queued or in flight (default 10 000). */
  maxBufferSize?: number | undefined;
  /** Retries of one request after 429, 5xx, timeouts or network errors (default 5). */
  maxRetries?: number | undefined;
  /** First backoff delay; doubles each retry, with full jitter (default 200). */
  retryBaseMs?: number | undefined;
  /** Timeout of one request (default 10 000). */
  timeoutMs?: number | undefined;
  /** Called with the number of records dropped and why. Exceptions it throws are caught. */
  onDrop?: ((count: number, reason: DropReason) => void) | undefined;
  /** Called with every delivery failure. Exceptions it throws are caught. */
  onError?: ((error: Error) => void) | undefined;
  /** A fetch implementation (default: the global fetch). */
  fetch?: typeof fetch | undefined;
}

/** Options after defaults and validation. */
export interface ResolvedOptions {
  readonly url: string;
  readonly apiKey: string | undefined;
  readonly batchSize: number;
  readonly flushIntervalMs: number;
  readonly maxBufferSize: number;
  readonly maxRetries: number;
  readonly retryBaseMs: number;
  readonly timeoutMs: number;
  readonly onDrop: ((count: number, reason: DropReason) => void) | undefined;
  readonly onError: ((error: Error) => void) | undefined;
  readonly fetch: typeof fetch;
}

/**
 * The defaults of the optional numeric options.
 *
 * @example
 * new Sightline({ url, batchSize: DEFAULT_OPTIONS.batchSize * 2 });
 */
export const DEFAULT_OPTIONS = {
  batchSize: 500,
  flushIntervalMs: 1000,
  maxBufferSize: 10_000,
  maxRetries: 5,
  retryBaseMs: 200,
  timeoutMs: 10_000,
} as const;

function invalid(name: string, why: string): SightlineError {
  return new SightlineError("SL_SDK_INVALID_OPTION", `Sightline option "${name}" ${why}`);
}

function integer(name: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw invalid(name, `must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

function optionalFunction<F>(name: string, value: unknown): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "function") throw invalid(name, `must be a function, got ${typeof value}`);
  return value as F;
}

/** Applies defaults and validates once; throws a SightlineError naming the bad option. */
export function resolveOptions(options: SightlineOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) throw invalid("options", "must be an object");
  const { url } = options;
  if (typeof url !== "string" || url === "") throw invalid("url", "is required");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid("url", `is not a valid URL: ${url}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw invalid("url", `must be http or https, got ${parsed.protocol}`);
  }
  if (options.apiKey !== undefined && (typeof options.apiKey !== "string" || options.apiKey === "")) {
    throw invalid("apiKey", "must be a non-empty string");
  }
  const fetchImpl = optionalFunction<typeof fetch>("fetch", options.fetch) ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") throw invalid("fetch", "is required where no global fetch exists");
  return Object.freeze({
    url: url.replace(/\/+$/, ""),
    apiKey: options.apiKey,
    batchSize: integer("batchSize", options.batchSize, DEFAULT_OPTIONS.batchSize, 1),
    flushIntervalMs: integer("flushIntervalMs", options.flushIntervalMs, DEFAULT_OPTIONS.flushIntervalMs, 1),
    maxBufferSize: integer("maxBufferSize", options.maxBufferSize, DEFAULT_OPTIONS.maxBufferSize, 1),
    maxRetries: integer("maxRetries", options.maxRetries, DEFAULT_OPTIONS.maxRetries, 0),
    retryBaseMs: integer("retryBaseMs", options.retryBaseMs, DEFAULT_OPTIONS.retryBaseMs, 0),
    timeoutMs: integer("timeoutMs", options.timeoutMs, DEFAULT_OPTIONS.timeoutMs, 1),
    onDrop: optionalFunction<ResolvedOptions["onDrop"]>("onDrop", options.onDrop),
    onError: optionalFunction<ResolvedOptions["onError"]>("onError", options.onError),
    fetch: fetchImpl,
  });
}
