/** A span's kind, as OTLP's `SpanKind` without the prefix. */
export type SpanKind = "unspecified" | "internal" | "server" | "client" | "producer" | "consumer";

/** A span's status, as OTLP's `StatusCode` without the prefix. */
export type SpanStatusCode = "unset" | "ok" | "error";

/** One OpenTelemetry span as stored. Ids are lowercase hex; times are epoch ms. */
export interface SpanRow {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  serviceName: string | null;
  kind: SpanKind;
  startMs: number;
  endMs: number;
  /** End minus start from the nanosecond times, so sub-millisecond spans keep their length. */
  durationMs: number;
  statusCode: SpanStatusCode;
  statusMessage: string | null;
  /** The span's attributes as a JSON object. */
  attributesJson: string;
  receivedMs: number;
}

/** A prediction that carries a trace id, with the innermost span of that trace open when it was made. */
export interface TracePrediction {
  model: string;
  id: string;
  version: string;
  timestampMs: number;
  /** The latest-starting span of the trace whose [start, end] holds the prediction's timestamp. */
  spanId: string | null;
}

/**
 * OpenTelemetry spans received over OTLP, linked to predictions by trace id. Implemented per engine
 * (`store/duckdb/duckdb-span-store.ts`); no SQL outside the store.
 */
export interface SpanStore {
  /** Inserts spans; a span already stored (same trace and span id, e.g. a retried export) is replaced. */
  insertSpans(rows: readonly SpanRow[]): Promise<void>;
  /** The spans of one trace, by start time. */
  traceSpans(traceId: string): Promise<SpanRow[]>;
  /** The predictions logged with this trace id, by timestamp (at most `limit`). */
  tracePredictions(traceId: string, limit: number): Promise<TracePrediction[]>;
  /** The trace id of a prediction: a string, null when it has none, undefined when there is no such prediction. */
  predictionTraceId(model: string, id: string): Promise<string | null | undefined>;
}
