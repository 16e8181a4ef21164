import type { SpanKind, SpanRow, SpanStatusCode, SpanStore, TracePrediction } from "../span-store.js";
import type { DuckDbDatabase, Row } from "./duckdb-database.js";

// Rows per INSERT statement: DuckDB takes many parameters, but a bounded statement keeps planning cheap.
const CHUNK = 500;
const COLUMNS = 13;

function toSpan(r: Row): SpanRow {
  return {
    traceId: r.trace_id as string,
    spanId: r.span_id as string,
    parentSpanId: (r.parent_span_id as string | null) ?? null,
    name: r.name as string,
    serviceName: (r.service_name as string | null) ?? null,
    kind: r.kind as SpanKind,
    startMs: r.start_ms as number,
    endMs: r.end_ms as number,
    durationMs: r.duration_ms as number,
    statusCode: r.status_code as SpanStatusCode,
    statusMessage: (r.status_message as string | null) ?? null,
    attributesJson: r.attributes as string,
    receivedMs: r.received_ms as number,
  };
}

/**
 * Spans in the `spans` table (migration 7) of the shared DuckDB file; predictions are joined by
 * `predictions.trace_id`.
 *
 * @example
 * const spans = new DuckDbSpanStore(db);
 * await spans.insertSpans(parsed.spans);
 */
export class DuckDbSpanStore implements SpanStore {
  constructor(private readonly db: DuckDbDatabase) {}

  async insertSpans(rows: readonly SpanRow[]): Promise<void> {
    if (rows.length === 0) return;
    // A batch may repeat a span (an exporter retry merged in): the last one wins, as across batches.
    const unique = new Map<string, SpanRow>();
    for (const r of rows) unique.set(`${r.traceId}/${r.spanId}`, r);
    const all = [...unique.values()];
    await this.db.transaction(async (conn) => {
      for (let i = 0; i < all.length; i += CHUNK) {
        const chunk = all.slice(i, i + CHUNK);
        const tuple = `(${new Array(COLUMNS).fill("?").join(", ")})`;
        const values: unknown[] = [];
        for (const r of chunk) {
          values.push(
            r.traceId,
            r.spanId,
            r.parentSpanId,
            r.name,
            r.serviceName,
            r.kind,
            r.startMs,
            r.endMs,
            r.durationMs,
            r.statusCode,
            r.statusMessage,
            r.attributesJson,
            r.receivedMs,
          );
        }
        await this.db.run(
          conn,
          `INSERT OR REPLACE INTO spans (trace_id, span_id, parent_span_id, name, service_name, kind, start_ms,
             end_ms, duration_ms, status_code, status_message, attributes, received_ms)
           VALUES ${chunk.map(() => tuple).join(", ")}`,
          values,
        );
      }
    });
  }

  async traceSpans(traceId: string): Promise<SpanRow[]> {
    const rows = await this.db.read("SELECT * FROM spans WHERE trace_id = ? ORDER BY start_ms, span_id", [
      traceId,
    ]);
    return rows.map(toSpan);
  }

  async tracePredictions(traceId: string, limit: number): Promise<TracePrediction[]> {
    // Each prediction is placed in the innermost span open at its timestamp: the latest-starting one
    // (ties to the shorter span) among the trace's spans that contain it.
    const rows = await this.db.read(
      `SELECT p.model, p.id, p.version, p.ts_ms,
              arg_max(s.span_id, (s.start_ms, -s.duration_ms)) AS span_id
       FROM predictions p
       LEFT JOIN spans s ON s.trace_id = p.trace_id AND p.ts_ms BETWEEN s.start_ms AND s.end_ms
       WHERE p.trace_id = ?
       GROUP BY p.model, p.id, p.version, p.ts_ms
       ORDER BY p.ts_ms, p.model, p.id
       LIMIT ?`,
      [traceId, limit],
    );
    return rows.map((r) => ({
      model: r.model as string,
      id: r.id as string,
      version: r.version as string,
      timestampMs: r.ts_ms as number,
      spanId: (r.span_id as string | null) ?? null,
    }));
  }

  async predictionTraceId(model: string, id: string): Promise<string | null | undefined> {
    const rows = await this.db.read("SELECT trace_id FROM predictions WHERE model = ? AND id = ?", [
      model,
      id,
    ]);
    const r = rows[0];
    return r === undefined ? undefined : ((r.trace_id as string | null) ?? null);
  }
}
