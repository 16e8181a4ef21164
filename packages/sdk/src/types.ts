/** A feature value as the server accepts it; non-finite numbers are sent as "NaN", "Infinity", "-Infinity". */
export type FeatureValue = number | string | boolean | null;

/** Named inputs of one prediction. */
export type Features = Readonly<Record<string, FeatureValue>>;

/** Segment tags: low-cardinality strings such as region or tenant. */
export type Tags = Readonly<Record<string, string>>;

/** A JSON-like value (prediction output, scores, label); non-finite numbers are sent as strings. */
export type JsonValue =
  | number
  | string
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/**
 * One prediction as given to `ModelLogger.log`. The SDK keeps a reference until the record is sent,
 * so do not mutate it (or its `features`) after logging.
 *
 * @example
 * m.log({ features: { distance: 812, carrier: "AA" }, prediction: 0.12, latencyMs: 3.4 });
 */
export interface PredictionRecord {
  features: Features;
  /** The model's output; the server takes a number, string or boolean. `null` is left out. */
  prediction?: JsonValue | undefined;
  /** Class scores or probabilities, e.g. `{ yes: 0.8, no: 0.2 }`. */
  scores?: JsonValue | undefined;
  /** Defaults to a new UUIDv7. */
  id?: string | undefined;
  /** Event time: epoch milliseconds, ISO-8601 string or Date; defaults to `Date.now()` at log time. */
  timestamp?: number | string | Date | undefined;
  /** Overrides the version given to `sl.model()`; without either, the record carries no version. */
  version?: string | undefined;
  latencyMs?: number | undefined;
  /** An error message (an `Error` is reduced to its message). */
  error?: string | Error | undefined;
  /** W3C trace id: 32 hex characters (sent lowercased). */
  traceId?: string | undefined;
  /** The lineage run that served this prediction (1-128 printable ASCII); overrides the handle's `runId`. */
  runId?: string | undefined;
  /** Merged over the tags given to `sl.model()`. */
  tags?: Tags | undefined;
}

/**
 * Why records were dropped instead of delivered. `closed` counts records logged after `close()`.
 *
 * @example
 * const sl = new Sightline({ url, onDrop: (count, reason: DropReason) => console.warn(count, reason) });
 */
export type DropReason = "buffer_full" | "invalid" | "rejected" | "retries_exhausted" | "closed";

/**
 * All drop reasons, in a fixed order.
 *
 * @example
 * const totalDropped = DROP_REASONS.reduce((n, r) => n + sl.stats().dropped[r], 0);
 */
export const DROP_REASONS: readonly DropReason[] = [
  "buffer_full",
  "invalid",
  "rejected",
  "retries_exhausted",
  "closed",
];

/**
 * Counters since the client was created. Every `log()` and `label()` call is counted once in `logged`
 * and ends up in exactly one of `sent`, `dropped` or `buffered`:
 * `logged = sent + sum(dropped) + buffered`.
 *
 * @example
 * const { sent, dropped, buffered } = sl.stats();
 */
export interface SightlineStats {
  /** Calls to `log()` and `label()`, including those dropped at once. */
  logged: number;
  /** Records the server acknowledged as accepted. */
  sent: number;
  dropped: Record<DropReason, number>;
  /** Requests repeated after a 429, 5xx, timeout or network error. */
  retries: number;
  /** Records held in memory: waiting in a queue or in a request in flight. */
  buffered: number;
}
