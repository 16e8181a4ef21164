import { gzipSync } from "node:zlib";
import { context, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { NodeTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-node";
import { Sightline } from "@sightline/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../config.js";
import { type RunningServer, startServer } from "../server.js";
import { ApiClient } from "../test-support/api-client.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";

const INGEST_KEY = "slk_otlp_ingest_0123456789abcdef";
const READ_KEY = "slk_otlp_read_0123456789abcdef";
const TRACE = "0af7651916cd43dd8448eb211c80319c";

function span(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    traceId: TRACE,
    spanId: "b7ad6b7169203331",
    name: "handle",
    kind: 2,
    startTimeUnixNano: "1700000000000000000",
    endTimeUnixNano: "1700000000005000000",
    ...overrides,
  };
}

function exportRequest(...spans: unknown[]): unknown {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "gateway" } }] },
        scopeSpans: [{ scope: { name: "test" }, spans }],
      },
    ],
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("OTLP traces through an in-process server", () => {
  let dir: string;
  let server: RunningServer;
  let ingest: ApiClient;
  let reader: ApiClient;

  beforeAll(async () => {
    dir = await makeTempDir();
    server = await startServer(
      resolveServerConfig(
        { port: 0, dataDir: dir, logLevel: "silent" },
        { SIGHTLINE_API_KEYS: `ingest:${INGEST_KEY},read:${READ_KEY}` },
      ),
    );
    ingest = new ApiClient(server.url, INGEST_KEY);
    reader = new ApiClient(server.url, READ_KEY);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  it("links a prediction logged inside an OpenTelemetry span to that span's trace", async () => {
    const provider = new NodeTracerProvider({
      spanProcessors: [
        new SimpleSpanProcessor(
          new OTLPTraceExporter({
            url: `${server.url}/v1/traces`,
            headers: { authorization: `Bearer ${INGEST_KEY}` },
          }),
        ),
      ],
    });
    provider.register();
    const sl = new Sightline({ url: server.url, apiKey: INGEST_KEY, onError: (e) => errors.push(e) });
    const errors: Error[] = [];
    try {
      const tracer = trace.getTracer("checkout");
      const m = sl.model("checkout-risk", {
        version: "v1",
        traceId: () => trace.getActiveSpan()?.spanContext().traceId,
      });
      const predict = m.wrap(async (x: { amount: number }) => (x.amount > 100 ? 1 : 0), {
        id: () => "wrapped-1",
      });
      let traceId = "";
      let predictSpanId = "";
      let rootSpanId = "";
      await tracer.startActiveSpan("POST /checkout", async (root) => {
        traceId = root.spanContext().traceId;
        rootSpanId = root.spanContext().spanId;
        await tracer.startActiveSpan("predict", async (child) => {
          predictSpanId = child.spanContext().spanId;
          child.setAttribute("model.version", "v1");
          // Margins around the log call: span times come from performance.now(), the record's from Date.now().
          await sleep(30);
          m.log({ id: "logged-1", features: { amount: 250 }, prediction: 1 });
          await predict({ amount: 50 });
          await sleep(30);
          child.end();
        });
        root.end();
      });
      m.log({ id: "outside-1", features: { amount: 1 }, prediction: 0 });
      await provider.forceFlush();
      await sl.flush();
      expect(errors).toEqual([]);

      const { status, json } = await reader.get(`/api/v1/traces/${traceId}`);
      expect(status).toBe(200);
      expect(json.trace_id).toBe(traceId);
      expect(json.span_count).toBe(2);
      expect(json.services).toHaveLength(1);
      expect(json.services[0]).toMatch(/^unknown_service/);
      expect(json.roots).toHaveLength(1);
      const root = json.roots[0];
      expect(root).toMatchObject({
        span_id: rootSpanId,
        parent_span_id: null,
        name: "POST /checkout",
        kind: "internal",
      });
      expect(root.children.map((c: { name: string }) => c.name)).toEqual(["predict"]);
      const child = root.children[0];
      expect(child).toMatchObject({
        span_id: predictSpanId,
        parent_span_id: rootSpanId,
        status: { code: "unset" },
      });
      expect(child.attributes).toEqual({ "model.version": "v1" });
      expect(child.duration_ms).toBeGreaterThanOrEqual(55);
      expect(json.predictions).toEqual([
        expect.objectContaining({
          model: "checkout-risk",
          id: "logged-1",
          version: "v1",
          span_id: predictSpanId,
        }),
        expect.objectContaining({
          model: "checkout-risk",
          id: "wrapped-1",
          version: "v1",
          span_id: predictSpanId,
        }),
      ]);

      const byPrediction = await reader.get("/api/v1/models/checkout-risk/predictions/wrapped-1/trace");
      expect(byPrediction.status).toBe(200);
      expect(byPrediction.json.trace_id).toBe(traceId);
      expect(byPrediction.json.span_count).toBe(2);

      const untraced = await reader.get("/api/v1/models/checkout-risk/predictions/outside-1/trace");
      expect(untraced.status).toBe(404);
      expect(untraced.json.error.message).toMatch(/without a trace id/);
    } finally {
      await sl.close();
      await provider.shutdown();
      trace.disable();
      context.disable();
    }
  });

  it("answers partialSuccess for some bad spans, replaces re-sent spans, and builds the tree", async () => {
    const child = span({
      spanId: "00f067aa0ba902b7",
      parentSpanId: "b7ad6b7169203331",
      name: "model",
      kind: "SPAN_KIND_CLIENT",
    });
    const first = await ingest.postJson("/v1/traces", exportRequest(span(), child, span({ spanId: "xyz" })));
    expect(first.status).toBe(200);
    expect(first.json.partialSuccess.rejectedSpans).toBe(1);
    expect(first.json.partialSuccess.errorMessage).toMatch(/1 of 3 spans rejected.*spans\[2\]\.spanId/);
    const again = await ingest.postJson(
      "/v1/traces",
      exportRequest(span({ status: { code: 2, message: "boom" } })),
    );
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ partialSuccess: {} });
    // Exporters may gzip (OTEL_EXPORTER_OTLP_COMPRESSION=gzip); the app decodes bodies before parsing.
    const third = span({ spanId: "1111111111111111", parentSpanId: "00f067aa0ba902b7", name: "db" });
    const zipped = gzipSync(JSON.stringify(exportRequest(third)));
    const gz = await ingest.request("POST", "/v1/traces", zipped, "application/json", {
      "content-encoding": "gzip",
    });
    expect([gz.status, gz.json]).toEqual([200, { partialSuccess: {} }]);
    const { json } = await reader.get(`/api/v1/traces/${TRACE.toUpperCase()}`);
    expect(json.span_count).toBe(3);
    expect(json.services).toEqual(["gateway"]);
    expect(json.roots[0]).toMatchObject({
      name: "handle",
      kind: "server",
      status: { code: "error", message: "boom" },
    });
    expect(json.roots[0].children[0]).toMatchObject({ name: "model", kind: "client", duration_ms: 5 });
    expect(json.roots[0].children[0].children.map((c: { name: string }) => c.name)).toEqual(["db"]);
    expect(json.predictions).toEqual([]);
  });

  it("rejects bad OTLP input with 400 naming the field, protobuf with 415, and checks roles", async () => {
    const cases: [unknown, number, string, string | undefined][] = [
      ['{"resourceSpans": [', 400, "SL_MALFORMED_BODY", undefined],
      [{ resourceSpans: {} }, 400, "SL_MALFORMED_BODY", "resourceSpans"],
      [
        exportRequest(span({ traceId: "Cvdl GRbNQ92ESOshHIAxnA==" })),
        400,
        "SL_INVALID_BODY",
        "resourceSpans[0].scopeSpans[0].spans[0].traceId",
      ],
      [
        exportRequest(span({ parentSpanId: "12" })),
        400,
        "SL_INVALID_BODY",
        "resourceSpans[0].scopeSpans[0].spans[0].parentSpanId",
      ],
      [
        exportRequest(span({ startTimeUnixNano: "soon" })),
        400,
        "SL_INVALID_BODY",
        "resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano",
      ],
      [
        exportRequest(span({ name: ["x"] })),
        400,
        "SL_INVALID_BODY",
        "resourceSpans[0].scopeSpans[0].spans[0].name",
      ],
    ];
    for (const [body, status, code, field] of cases) {
      const r = await ingest.postJson("/v1/traces", body);
      expect([r.status, r.json.error.code, r.json.error.details?.field]).toEqual([status, code, field]);
      if (field !== undefined) expect(r.json.error.message).toContain(field);
    }
    const proto = await ingest.request(
      "POST",
      "/v1/traces",
      new Uint8Array([10, 0]),
      "application/x-protobuf",
    );
    expect(proto.status).toBe(415);
    expect(proto.json.error.code).toBe("SL_UNSUPPORTED_MEDIA_TYPE");
    expect(proto.json.error.message).toMatch(/JSON encoding/);
    expect((await reader.postJson("/v1/traces", exportRequest(span()))).status).toBe(403);
    expect((await ingest.withKey(undefined).postJson("/v1/traces", exportRequest(span()))).status).toBe(401);

    const badId = await reader.get("/api/v1/traces/not-a-trace");
    expect([badId.status, badId.json.error.code, badId.json.error.details.field]).toEqual([
      400,
      "SL_INVALID_QUERY",
      "traceId",
    ]);
    expect((await reader.get(`/api/v1/traces/${"1".repeat(32)}`)).status).toBe(404);
    expect((await reader.get("/api/v1/models/nope/predictions/x/trace")).status).toBe(404);
    expect((await reader.get("/api/v1/models/bad%20name/predictions/x/trace")).status).toBe(400);
  });
});
