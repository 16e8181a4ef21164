import type { SpanRow, TracePrediction } from "../store/span-store.js";

/** One span in a trace tree, as the API returns it. */
export interface SpanNode {
  span_id: string;
  parent_span_id: string | null;
  name: string;
  service_name: string | null;
  kind: string;
  start_time: string;
  end_time: string;
  duration_ms: number;
  status: { code: string; message: string | null };
  attributes: Record<string, unknown>;
  children: SpanNode[];
}

/** A trace: its spans as a tree and the predictions logged under it. */
export interface TraceView {
  trace_id: string;
  span_count: number;
  services: string[];
  start_time: string | null;
  end_time: string | null;
  /** Spans without a parent, and spans whose parent was not received (yet). */
  roots: SpanNode[];
  predictions: { model: string; id: string; version: string; timestamp: string; span_id: string | null }[];
}

/**
 * Builds the tree of a trace from its spans (any order) and attaches its predictions. Children are
 * ordered by start time; a span whose parent is missing becomes a root, so nothing received is hidden.
 *
 * @example
 * const view = buildTraceView("4bf9…", await store.spans.traceSpans(id), await store.spans.tracePredictions(id, 1000));
 */
export function buildTraceView(
  traceId: string,
  spans: readonly SpanRow[],
  predictions: readonly TracePrediction[],
): TraceView {
  const ordered = [...spans].sort((a, b) => a.startMs - b.startMs || a.spanId.localeCompare(b.spanId));
  const nodes = new Map<string, SpanNode>();
  for (const s of ordered) {
    nodes.set(s.spanId, {
      span_id: s.spanId,
      parent_span_id: s.parentSpanId,
      name: s.name,
      service_name: s.serviceName,
      kind: s.kind,
      start_time: new Date(s.startMs).toISOString(),
      end_time: new Date(s.endMs).toISOString(),
      duration_ms: s.durationMs,
      status: { code: s.statusCode, message: s.statusMessage },
      attributes: JSON.parse(s.attributesJson) as Record<string, unknown>,
      children: [],
    });
  }
  const roots: SpanNode[] = [];
  for (const s of ordered) {
    const node = nodes.get(s.spanId)!;
    const parent =
      s.parentSpanId === null || s.parentSpanId === s.spanId ? undefined : nodes.get(s.parentSpanId);
    if (parent === undefined) roots.push(node);
    else parent.children.push(node);
  }
  const services = [...new Set(ordered.map((s) => s.serviceName).filter((n) => n !== null))].sort();
  const start = ordered.length === 0 ? null : Math.min(...ordered.map((s) => s.startMs));
  const end = ordered.length === 0 ? null : Math.max(...ordered.map((s) => s.endMs));
  return {
    trace_id: traceId,
    span_count: ordered.length,
    services,
    start_time: start === null ? null : new Date(start).toISOString(),
    end_time: end === null ? null : new Date(end).toISOString(),
    roots,
    predictions: predictions.map((p) => ({
      model: p.model,
      id: p.id,
      version: p.version,
      timestamp: new Date(p.timestampMs).toISOString(),
      span_id: p.spanId,
    })),
  };
}
