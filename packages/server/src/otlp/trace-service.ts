import { SightlineError } from "../errors.js";
import type { SpanStore } from "../store/span-store.js";
import { OtlpFieldError } from "./any-value.js";
import { parseTraceRequest } from "./parse-trace-request.js";
import { buildTraceView, type TraceView } from "./span-tree.js";

/** OTLP's `ExportTraceServiceResponse` in its JSON encoding. */
export interface ExportTraceResponse {
  partialSuccess: { rejectedSpans?: number; errorMessage?: string };
}

const TRACE_ID = /^[0-9a-fA-F]{32}$/;
// Predictions listed with one trace; a trace id reused by millions of records is a client bug.
const MAX_TRACE_PREDICTIONS = 1000;

/**
 * Checks a W3C trace id from a URL and lowercases it; throws SL_INVALID_QUERY naming `field`.
 *
 * @example
 * checkTraceId("4BF92F3577B34DA6A3CE929D0E0E4736", "traceId"); // "4bf92f3577b34da6a3ce929d0e0e4736"
 */
export function checkTraceId(value: string, field: string): string {
  if (!TRACE_ID.test(value)) {
    throw new SightlineError(
      "SL_INVALID_QUERY",
      `${field} ${JSON.stringify(value.slice(0, 100))} is invalid: a trace id is 32 hex characters`,
      { field },
    );
  }
  return value.toLowerCase();
}

/**
 * OpenTelemetry traces: takes OTLP/HTTP JSON exports, stores their spans, and answers a trace with the
 * predictions logged under it.
 *
 * @example
 * const traces = new TraceService(store.spans, () => Date.now());
 * await traces.ingest(rawJsonBody);
 */
export class TraceService {
  constructor(
    private readonly spans: SpanStore,
    private readonly now: () => number,
  ) {}

  /**
   * Stores the spans of one `ExportTraceServiceRequest`. Unreadable spans are skipped and counted in
   * `partialSuccess`, unless every span is unreadable: that, a body that is not JSON, and a wrong
   * structure above the spans are a 400 naming the field.
   */
  async ingest(body: string): Promise<ExportTraceResponse> {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SightlineError("SL_MALFORMED_BODY", `the OTLP request is not valid JSON: ${reason}`);
    }
    let parsed: ReturnType<typeof parseTraceRequest>;
    try {
      parsed = parseTraceRequest(json, this.now());
    } catch (error) {
      if (error instanceof OtlpFieldError) {
        throw new SightlineError("SL_MALFORMED_BODY", `invalid OTLP request: ${error.message}`, {
          field: error.field,
        });
      }
      throw error;
    }
    const { spans, rejected, firstError } = parsed;
    if (spans.length === 0 && firstError !== undefined) {
      throw new SightlineError(
        "SL_INVALID_BODY",
        `every span was rejected (${rejected}); first: ${firstError.message}`,
        { field: firstError.field, rejected },
      );
    }
    await this.spans.insertSpans(spans);
    if (rejected === 0) return { partialSuccess: {} };
    return {
      partialSuccess: {
        rejectedSpans: rejected,
        errorMessage: `${rejected} of ${rejected + spans.length} spans rejected; first: ${firstError?.message ?? ""}`,
      },
    };
  }

  /** The trace's spans as a tree plus its predictions; undefined when neither exists. */
  async trace(traceId: string): Promise<TraceView | undefined> {
    const [spans, predictions] = await Promise.all([
      this.spans.traceSpans(traceId),
      this.spans.tracePredictions(traceId, MAX_TRACE_PREDICTIONS),
    ]);
    if (spans.length === 0 && predictions.length === 0) return undefined;
    return buildTraceView(traceId, spans, predictions);
  }

  /** The trace of one prediction; SL_NOT_FOUND when the prediction or its trace id is missing. */
  async predictionTrace(model: string, id: string): Promise<TraceView> {
    const traceId = await this.spans.predictionTraceId(model, id);
    if (traceId === undefined) throw new SightlineError("SL_NOT_FOUND", `no prediction ${id} for ${model}`);
    if (traceId === null) {
      throw new SightlineError("SL_NOT_FOUND", `prediction ${id} of ${model} was logged without a trace id`);
    }
    const view = await this.trace(traceId);
    return view ?? buildTraceView(traceId, [], []);
  }
}
