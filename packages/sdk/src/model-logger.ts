import type { ModelDefaults } from "./internal/encode-prediction.js";
import type { ModelSink } from "./internal/model-sink.js";
import { uuidv7 } from "./internal/uuidv7.js";
import type { JsonValue, PredictionRecord } from "./types.js";
import { type WrapOptions, wrapPredict } from "./wrap-predict.js";

const TRACE_ID = /^[0-9a-fA-F]{32}$/;
const INVALID_TRACE_ID = /^0{32}$/;

// The active trace id must be read now, inside the caller's context, not when the batch is encoded.
function withActiveTrace(record: PredictionRecord, traceId: () => string | undefined): PredictionRecord {
  if (record.traceId !== undefined) return record;
  let id: unknown;
  try {
    id = traceId();
  } catch {
    return record;
  }
  if (typeof id !== "string" || !TRACE_ID.test(id) || INVALID_TRACE_ID.test(id)) return record;
  return { ...record, traceId: id };
}

/**
 * Logs predictions and labels of one model version; obtained from `sl.model()`. No method throws or
 * waits: records are queued and sent in the background.
 *
 * @example
 * const m = sl.model("flight-delay", { version: "2024-06-01" });
 * const id = m.log({ features: { distance: 812, carrier: "AA" }, prediction: 0.12 });
 * m.label(id, 1);
 */
export class ModelLogger {
  /** The model name, as given to `sl.model()`. */
  readonly name: string;
  private readonly sink: ModelSink;
  private readonly defaults: ModelDefaults;
  private readonly usable: boolean;

  /** @internal Use `sl.model()`. */
  constructor(name: string, sink: ModelSink, defaults: ModelDefaults, usable: boolean) {
    this.name = name;
    this.sink = sink;
    this.defaults = defaults;
    this.usable = usable;
  }

  /**
   * Queues one prediction and returns its id (the record's `id`, or a new UUIDv7) at once. Unusable
   * input is dropped and counted as "invalid", never thrown. The record is serialised later, so do not
   * mutate it after this call.
   *
   * @example
   * const id = m.log({ features: { x: 1.5, city: "Oslo" }, prediction: "yes", scores: { yes: 0.8, no: 0.2 } });
   */
  log(record: PredictionRecord): string {
    const now = Date.now();
    let id: string | undefined;
    try {
      if (typeof record !== "object" || record === null) {
        this.sink.dropInvalid();
        return uuidv7(now);
      }
      const given = record.id;
      id = typeof given === "string" && given !== "" ? given : uuidv7(now);
      const features = record.features;
      if (!this.usable || typeof features !== "object" || features === null) this.sink.dropInvalid();
      else {
        const traced =
          this.defaults.traceId === undefined ? record : withActiveTrace(record, this.defaults.traceId);
        this.sink.enqueuePrediction(traced, id, now, this.defaults);
      }
      return id;
    } catch {
      // Only reading the caller's record can throw here (a getter or proxy); count it as invalid.
      try {
        this.sink.dropInvalid();
      } catch {
        // The counters are plain fields; nothing is left to report to.
      }
      return id ?? uuidv7(now);
    }
  }

  /**
   * Queues the ground truth for a logged prediction id; `timestamp` (epoch ms, ISO string or Date)
   * is when the outcome was observed, defaulting to the server's receive time.
   *
   * @example
   * m.label(predictionId, 1, Date.now());
   */
  label(id: string, value: JsonValue, timestamp?: number | string | Date): void {
    try {
      if (!this.usable || typeof id !== "string" || id === "" || value === undefined) this.sink.dropInvalid();
      else this.sink.enqueueLabel(id, value, timestamp);
    } catch {
      // A throwing sink would be a bug in the SDK; the caller's path must still not see it.
    }
  }

  /**
   * Wraps a predict function (sync or async): the wrapper returns exactly what it returns, rethrows
   * exactly what it throws, and logs features, prediction, latency and errors. Get each prediction's
   * id through `options.onLogged` (or choose it with `options.id`).
   *
   * @example
   * const predict = m.wrap(async (x: { distance: number }) => model.predict(x), {
   *   onLogged: (id, [x]) => ids.set(x, id),
   * });
   */
  wrap<A extends unknown[], R>(
    predictFn: (...args: A) => R,
    options: WrapOptions<A, Awaited<R>> = {},
  ): (...args: A) => R {
    return wrapPredict(this, predictFn, options);
  }
}
