import type { Features, JsonValue, PredictionRecord, Tags } from "./types.js";

/**
 * How `ModelLogger.wrap` turns a call into a prediction record. Every callback runs inside a
 * try/catch: if one throws, the record is dropped as "invalid" and the call itself is unaffected.
 *
 * @example
 * m.wrap(score, {
 *   features: ([req]) => ({ distance: req.distance, carrier: req.carrier }),
 *   prediction: (r) => r.label,
 *   scores: (r) => r.probabilities,
 *   onLogged: (id, [req]) => { req.predictionId = id; },
 *   timestamp: ([req]) => req.receivedAt,
 * });
 */
export interface WrapOptions<A extends unknown[], T> {
  /** Features from the arguments. Default: a single object argument as it is, an array or several arguments by index ("0", "1", ...). */
  features?: ((args: A) => Features) | undefined;
  /** The value logged as `prediction` (the server takes a number, string or boolean). Default: the result if it is one of those, else none. */
  prediction?: ((result: T) => JsonValue) | undefined;
  /** Class scores or probabilities from the result. Default: none. */
  scores?: ((result: T) => JsonValue) | undefined;
  /** The prediction id (e.g. a request id). Default: a new UUIDv7. */
  id?: ((args: A) => string | undefined) | undefined;
  /** Per-call tags, merged over the model's. */
  tags?: ((args: A) => Tags | undefined) | undefined;
  /**
   * The prediction's event time from the arguments and the result (undefined when the call threw), e.g.
   * the request's own time when replaying or backfilling. Default: `Date.now()` when the call starts.
   */
  timestamp?: ((args: A, result: T | undefined) => Date | number | string) | undefined;
  /** Receives the id of each logged prediction, before the wrapper returns or its promise settles. */
  onLogged?: ((id: string, args: A) => void) | undefined;
}

interface PredictionLog {
  log(record: PredictionRecord): string;
}

function defaultFeatures(args: readonly unknown[]): Features {
  const only = args.length === 1 ? args[0] : undefined;
  if (typeof only === "object" && only !== null && !Array.isArray(only)) return only as Features;
  const list = Array.isArray(only) ? (only as unknown[]) : args;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < list.length; i++) out[String(i)] = list[i];
  return out as Features;
}

// The server takes a number, string or boolean as the prediction; other outputs need an extractor.
function scalarOrUndefined(x: unknown): JsonValue | undefined {
  return typeof x === "number" || typeof x === "string" || typeof x === "boolean" ? x : undefined;
}

function errorMessage(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "non-printable error";
  }
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return (
    (typeof x === "object" || typeof x === "function") &&
    x !== null &&
    typeof (x as { then?: unknown }).then === "function"
  );
}

/**
 * The function behind `ModelLogger.wrap`: same arguments, same `this`, same result or exception.
 * Latency is measured with `performance.now()` from the call to its return (sync) or settlement (async).
 *
 * @example
 * const predict = wrapPredict(m, (x: number[]) => x[0]! > 0.5 ? 1 : 0);
 */
export function wrapPredict<A extends unknown[], R>(
  logger: PredictionLog,
  predictFn: (...args: A) => R,
  options: WrapOptions<A, Awaited<R>>,
): (...args: A) => R {
  const { features, prediction, scores, id, tags, onLogged, timestamp: eventTime } = options;

  // Features are read before the call, so a predict function that mutates its input logs what it got.
  function extract(args: A): Features | undefined {
    try {
      return features === undefined ? defaultFeatures(args) : features(args);
    } catch {
      return undefined;
    }
  }

  function record(
    args: A,
    feats: Features | undefined,
    timestamp: number,
    latencyMs: number,
    outcome: { result: unknown } | { error: unknown },
  ): void {
    let entry: PredictionRecord;
    try {
      if (feats === undefined) throw new TypeError("features could not be extracted");
      const base: PredictionRecord = { features: feats, timestamp, latencyMs };
      if (id !== undefined) base.id = id(args);
      if (tags !== undefined) base.tags = tags(args);
      if (eventTime !== undefined) {
        base.timestamp = eventTime(args, "error" in outcome ? undefined : (outcome.result as Awaited<R>));
      }
      if ("error" in outcome) {
        base.error = errorMessage(outcome.error);
      } else {
        const result = outcome.result as Awaited<R>;
        base.prediction = prediction === undefined ? scalarOrUndefined(result) : prediction(result);
        if (scores !== undefined) base.scores = scores(result);
      }
      entry = base;
    } catch {
      entry = null as unknown as PredictionRecord;
    }
    const loggedId = logger.log(entry);
    if (onLogged !== undefined) {
      try {
        onLogged(loggedId, args);
      } catch {
        // onLogged is the caller's code; its failure must not change the wrapped call's outcome.
      }
    }
  }

  return function (this: unknown, ...args: A): R {
    const timestamp = Date.now();
    const feats = extract(args);
    const start = performance.now();
    let result: R;
    try {
      result = predictFn.apply(this, args);
    } catch (error) {
      record(args, feats, timestamp, performance.now() - start, { error });
      throw error;
    }
    if (!isThenable(result)) {
      record(args, feats, timestamp, performance.now() - start, { result });
      return result;
    }
    return (result as PromiseLike<unknown>).then(
      (value) => {
        record(args, feats, timestamp, performance.now() - start, { result: value });
        return value;
      },
      (error: unknown) => {
        record(args, feats, timestamp, performance.now() - start, { error });
        throw error;
      },
    ) as R;
  };
}
