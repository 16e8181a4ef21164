import { describe, expect, it } from "vitest";
import type { SpanRow } from "../store/span-store.js";
import { buildTraceView } from "./span-tree.js";

function row(
  spanId: string,
  parentSpanId: string | null,
  startMs: number,
  serviceName: string | null = "api",
): SpanRow {
  return {
    traceId: "t",
    spanId,
    parentSpanId,
    name: spanId,
    serviceName,
    kind: "internal",
    startMs,
    endMs: startMs + 10,
    durationMs: 10,
    statusCode: "unset",
    statusMessage: null,
    attributesJson: "{}",
    receivedMs: 0,
  };
}

describe("buildTraceView", () => {
  it("nests children by start time and keeps spans whose parent is missing as roots", () => {
    const view = buildTraceView(
      "t",
      [
        row("c2", "r", 30),
        row("orphan", "gone", 5, "worker"),
        row("c1", "r", 20),
        row("r", null, 10),
        row("g", "c1", 21),
      ],
      [{ model: "m", id: "p", version: "v", timestampMs: 22, spanId: "g" }],
    );
    expect(view.roots.map((n) => n.span_id)).toEqual(["orphan", "r"]);
    const r = view.roots[1]!;
    expect(r.children.map((n) => n.span_id)).toEqual(["c1", "c2"]);
    expect(r.children[0]!.children.map((n) => n.span_id)).toEqual(["g"]);
    expect(view).toMatchObject({
      span_count: 5,
      services: ["api", "worker"],
      start_time: new Date(5).toISOString(),
      end_time: new Date(40).toISOString(),
      predictions: [
        { model: "m", id: "p", version: "v", timestamp: new Date(22).toISOString(), span_id: "g" },
      ],
    });
  });

  it("gives an empty tree for a trace known only from predictions", () => {
    expect(buildTraceView("t", [], [])).toEqual({
      trace_id: "t",
      span_count: 0,
      services: [],
      start_time: null,
      end_time: null,
      roots: [],
      predictions: [],
    });
  });
});
