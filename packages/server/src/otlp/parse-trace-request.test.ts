import { describe, expect, it } from "vitest";
import { OtlpFieldError } from "./any-value.js";
import { parseTraceRequest } from "./parse-trace-request.js";

// The OTLP specification's JSON example (opentelemetry-proto examples/trace.json), ids in upper case as there.
const specExample = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: "service.name", value: { stringValue: "my.service" } }] },
      scopeSpans: [
        {
          scope: {
            name: "my.library",
            version: "1.0.0",
            attributes: [{ key: "my.scope.attribute", value: { stringValue: "some scope attribute" } }],
          },
          spans: [
            {
              traceId: "5B8EFFF798038103D269B633813FC60C",
              spanId: "EEE19B7EC3C1B174",
              parentSpanId: "EEE19B7EC3C1B173",
              name: "I'm a server span",
              startTimeUnixNano: "1544712660000000000",
              endTimeUnixNano: "1544712661000000000",
              kind: 2,
              attributes: [{ key: "my.span.attr", value: { stringValue: "some value" } }],
            },
          ],
        },
      ],
    },
  ],
};

function span(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    traceId: "0af7651916cd43dd8448eb211c80319c",
    spanId: "b7ad6b7169203331",
    name: "predict",
    startTimeUnixNano: "1700000000000000000",
    endTimeUnixNano: "1700000000000250000",
    ...overrides,
  };
}

function request(...spans: unknown[]): unknown {
  return { resourceSpans: [{ scopeSpans: [{ spans }] }] };
}

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof OtlpFieldError) return error.field;
    throw error;
  }
  return undefined;
}

describe("parseTraceRequest", () => {
  it("reads the specification's example: lowercased ids, ms times, kind, service.name, attributes", () => {
    const { spans, rejected } = parseTraceRequest(specExample, 99);
    expect(rejected).toBe(0);
    expect(spans).toEqual([
      {
        traceId: "5b8efff798038103d269b633813fc60c",
        spanId: "eee19b7ec3c1b174",
        parentSpanId: "eee19b7ec3c1b173",
        name: "I'm a server span",
        serviceName: "my.service",
        kind: "server",
        startMs: 1544712660000,
        endMs: 1544712661000,
        durationMs: 1000,
        statusCode: "unset",
        statusMessage: null,
        attributesJson: JSON.stringify({ "my.span.attr": "some value" }),
        receivedMs: 99,
      },
    ]);
  });

  it("keeps sub-millisecond durations and reads enum names, status and every AnyValue type", () => {
    const { spans } = parseTraceRequest(
      request(
        span({
          kind: "SPAN_KIND_CLIENT",
          parentSpanId: "",
          status: { code: 2, message: "timeout" },
          attributes: [
            { key: "i", value: { intValue: "42" } },
            { key: "big", value: { intValue: "9007199254740993" } },
            { key: "d", value: { doubleValue: 0.5 } },
            { key: "b", value: { boolValue: true } },
            { key: "a", value: { arrayValue: { values: [{ stringValue: "x" }, { intValue: 1 }] } } },
            { key: "kv", value: { kvlistValue: { values: [{ key: "k", value: { boolValue: false } }] } } },
            { key: "bytes", value: { bytesValue: "AQID" } },
            { key: "empty", value: {} },
          ],
        }),
      ),
      0,
    );
    expect(spans[0]).toMatchObject({
      kind: "client",
      parentSpanId: null,
      durationMs: 0.25,
      statusCode: "error",
      statusMessage: "timeout",
      serviceName: null,
    });
    expect(JSON.parse(spans[0]!.attributesJson)).toEqual({
      i: 42,
      big: "9007199254740993",
      d: 0.5,
      b: true,
      a: ["x", 1],
      kv: { k: false },
      bytes: "AQID",
      empty: null,
    });
  });

  it("rejects bad spans one by one, naming the first bad field", () => {
    const result = parseTraceRequest(
      request(
        span({ traceId: "W7+3BpXxTUuXBwIj6Bn/mA==" }),
        span({}),
        span({ spanId: "0000000000000000" }),
        span({ startTimeUnixNano: 1.5 }),
        span({ endTimeUnixNano: "1" }),
        span({ kind: 9 }),
        span({ attributes: [{ key: "a", value: { intValue: "1.5" } }] }),
      ),
      0,
    );
    expect(result.spans).toHaveLength(1);
    expect(result.rejected).toBe(6);
    expect(result.firstError?.field).toBe("resourceSpans[0].scopeSpans[0].spans[0].traceId");
    expect(result.firstError?.message).toMatch(/32 hex characters/);
    const fields = [
      [{ spanId: "0000000000000000" }, "spanId"],
      [{ startTimeUnixNano: 1.5 }, "startTimeUnixNano"],
      [{ endTimeUnixNano: "1" }, "endTimeUnixNano"],
      [{ kind: 9 }, "kind"],
      [{ name: 3 }, "name"],
      [{ status: { code: "BAD" } }, "status.code"],
      [{ attributes: [{ key: "a", value: { intValue: "1.5" } }] }, "attributes[0].value.intValue"],
      [{ attributes: {} }, "attributes"],
    ] as const;
    for (const [bad, field] of fields) {
      expect(parseTraceRequest(request(span(bad)), 0).firstError?.field).toBe(
        `resourceSpans[0].scopeSpans[0].spans[0].${field}`,
      );
    }
  });

  it("throws for a wrong structure above the spans, and takes an empty request", () => {
    expect(fieldOf(() => parseTraceRequest([], 0))).toBe("body");
    expect(fieldOf(() => parseTraceRequest({ resourceSpans: "x" }, 0))).toBe("resourceSpans");
    expect(fieldOf(() => parseTraceRequest({ resourceSpans: [{ scopeSpans: {} }] }, 0))).toBe(
      "resourceSpans[0].scopeSpans",
    );
    expect(
      fieldOf(() => parseTraceRequest({ resourceSpans: [{ resource: { attributes: [{ key: 1 }] } }] }, 0)),
    ).toBe("resourceSpans[0].resource.attributes[0].key");
    expect(parseTraceRequest({}, 0)).toEqual({ spans: [], rejected: 0, firstError: undefined });
  });
});
