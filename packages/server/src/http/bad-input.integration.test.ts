import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, type ApiResponse } from "../test-support/api-client.js";
import { type ServerProcess, startServerProcess } from "../test-support/server-process.js";

const maxBodyBytes = 256 * 1024;
const maxBatchRecords = 500;
const path = "/api/v1/models/hardened/predictions";

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}

describe("bad input against a real server process", () => {
  let server: ServerProcess;
  let client: ApiClient;
  const seen: { what: string; status: number }[] = [];
  let accepted = 0;

  // Every answer is recorded: none of them may be a 5xx.
  const api = {
    async send(what: string, call: (c: ApiClient) => Promise<ApiResponse>): Promise<ApiResponse> {
      const response = await call(client);
      seen.push({ what, status: response.status });
      if (typeof response.json?.accepted === "number") accepted += response.json.accepted;
      return response;
    },
  };

  beforeAll(async () => {
    server = await startServerProcess({
      env: {
        SIGHTLINE_MAX_BODY_BYTES: String(maxBodyBytes),
        SIGHTLINE_MAX_BATCH_RECORDS: String(maxBatchRecords),
      },
    });
    client = new ApiClient(server.url);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("answers malformed JSON with 400 naming the line and column", async () => {
    const body =
      '[\n  {"features": {"x": 1}, "prediction": 1},\n  {"features": {"x": 1,}, "prediction": 1}\n]';
    const { status, json } = await api.send("trailing comma", (c) => c.postJson(path, body));
    expect(status).toBe(400);
    expect(json.error.code).toBe("SL_MALFORMED_BODY");
    const at = lineAndColumn(body, body.indexOf(",}") + 1);
    expect(at.line).toBe(3);
    expect(json.error.details).toEqual(at);
    expect(json.error.message).toContain(`line ${at.line} column ${at.column}`);

    const truncated = await api.send("truncated", (c) => c.postJson(path, '[{"features": {"x": 1}'));
    expect(truncated.status).toBe(400);
    expect(truncated.json.error.details.line).toBe(1);
    for (const text of ["", "42", '"records"', "null"]) {
      const r = await api.send(`json ${text}`, (c) => c.postJson(path, text));
      expect(r.status, text).toBe(400);
      expect(r.json.error.code).toBe("SL_MALFORMED_BODY");
    }
  });

  it("rejects each malformed NDJSON line with its line number", async () => {
    const { status, json } = await api.send("ndjson all bad", (c) =>
      c.postNdjson(path, ["{", "", "not json", '{"features": {"x": 1}, "prediction": 1'] as string[]),
    );
    expect(status).toBe(400);
    expect(json.error.code).toBe("SL_INVALID_RECORDS");
    expect(json.accepted).toBe(0);
    expect(json.rejected.map((r: { reason: string }) => /line (\d+)/.exec(r.reason)?.[1])).toEqual([
      "1",
      "3",
      "4",
    ]);
  });

  it("rejects wrongly typed fields one record at a time, naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ features: { x: { y: 1 } }, prediction: 1 }, "features.x"],
      [{ features: { x: [1, 2] }, prediction: 1 }, "features.x"],
      [{ features: [1, 2], prediction: 1 }, "features"],
      [{ features: "x=1", prediction: 1 }, "features"],
      [{ prediction: 1 }, "features"],
      [{ features: {}, prediction: { label: 1 } }, "prediction"],
      [{ features: {}, prediction: [1] }, "prediction"],
      [{ features: {}, prediction: 1, scores: { a: "0.5" } }, "scores.a"],
      [{ features: {}, prediction: 1, timestamp: true }, "timestamp"],
      [{ features: {}, prediction: 1, timestamp: 1_700_000_000 }, "timestamp"],
      [{ features: {}, prediction: 1, latency_ms: -3 }, "latency_ms"],
      [{ features: {}, prediction: 1, latency_ms: "3ms" }, "latency_ms"],
      [{ id: 42, features: {}, prediction: 1 }, "id"],
      [{ id: "x".repeat(129), features: {}, prediction: 1 }, "id"],
      [{ features: {}, prediction: 1, trace_id: "not-a-trace" }, "trace_id"],
      [{ features: {}, prediction: 1, version: "../v1" }, "version"],
      [{ features: {}, prediction: 1, tags: { region: 3 } }, "tags.region"],
      [{ features: { s: "y".repeat(5000) }, prediction: 1 }, "features.s"],
      [{ features: { __proto__: null, evil: { polluted: true } }, prediction: 1 }, "features.evil"],
      [42, "$"],
      ["record", "$"],
      [null, "$"],
      [[], "$"],
    ];
    const batch = [{ id: "typed-ok", features: { x: 1 }, prediction: 1 }, ...cases.map(([r]) => r)];
    const { status, json } = await api.send("wrong types", (c) => c.postJson(path, batch));
    expect(status).toBe(200);
    expect(json.ids).toEqual(["typed-ok"]);
    expect(json.rejected.map((r: { index: number; field: string }) => [r.index, r.field])).toEqual(
      cases.map(([, field], i) => [i + 1, field]),
    );
    for (const r of json.rejected) expect(r.reason.length, JSON.stringify(r)).toBeGreaterThan(5);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects deeply nested and very wide feature objects with a reason", async () => {
    const depth = 30_000;
    const deepArray = `${"[".repeat(depth)}1${"]".repeat(depth)}`;
    const deepObject = `${'{"a":'.repeat(depth / 5)}1${"}".repeat(depth / 5)}`;
    const body = `[{"features": {"x": ${deepArray}}, "prediction": 1}, {"features": {"y": ${deepObject}}, "prediction": 1}, {"features": {}, "prediction": 1, "tags": ${deepObject}}, ${deepArray}]`;
    expect(body.length).toBeLessThan(maxBodyBytes);
    const deep = await api.send("deep", (c) => c.postJson(path, body));
    expect(deep.status).toBe(400);
    expect(deep.json.rejected.map((r: { field: string }) => r.field)).toEqual([
      "features.x",
      "features.y",
      "tags.a",
      "$",
    ]);
    expect(deep.json.rejected[0].reason).toMatch(/nested objects and arrays are not allowed/);

    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`f${i}`, i]));
    const many = await api.send("5000 features", (c) =>
      c.postNdjson(path, [
        { features: wide, prediction: 1 },
        { id: "narrow", features: { f1: 1 }, prediction: 1 },
      ]),
    );
    expect(many.status).toBe(200);
    expect(many.json.ids).toEqual(["narrow"]);
    expect(many.json.rejected).toEqual([
      { index: 0, field: "features", reason: expect.stringMatching(/2000/) },
    ]);
  });

  it("answers 413 for a body over SIGHTLINE_MAX_BODY_BYTES, sized or streamed", async () => {
    const records = Array.from({ length: 400 }, (_, i) => ({
      id: `big-${i}`,
      features: { pad: "p".repeat(900) },
      prediction: 1,
    }));
    const json = JSON.stringify(records);
    expect(json.length).toBeGreaterThan(maxBodyBytes);
    const sized = await api.send("big json", (c) => c.postJson(path, json));
    expect(sized.status).toBe(413);
    expect(sized.json.error.code).toBe("SL_BODY_TOO_LARGE");
    const ndjson = await api.send("big ndjson", (c) => c.postNdjson(path, records));
    expect(ndjson.status).toBe(413);

    const chunk = new TextEncoder().encode(`${JSON.stringify(records[0])}\n`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 2 * maxBodyBytes) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const streamed = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson" },
      body: stream,
      duplex: "half",
    } as RequestInit).catch((error: unknown) => error);
    // Either the 413 arrives, or the server cut the upload short; it must not have stored anything.
    if (streamed instanceof Response) {
      seen.push({ what: "streamed", status: streamed.status });
      expect(streamed.status).toBe(413);
      await streamed.body?.cancel();
    }
    expect((await api.send("after big", (c) => c.get(`${path}/big-0`))).status).toBe(404);
  });

  it("answers 413 for more records than SIGHTLINE_MAX_BATCH_RECORDS", async () => {
    const records = Array.from({ length: maxBatchRecords + 1 }, (_, i) => ({
      id: `many-${i}`,
      features: {},
      prediction: 1,
    }));
    for (const send of [
      (c: ApiClient) => c.postJson(path, records),
      (c: ApiClient) => c.postNdjson(path, records),
    ]) {
      const r = await api.send("too many records", send);
      expect(r.status).toBe(413);
      expect(r.json.error.code).toBe("SL_BATCH_TOO_LARGE");
      expect(r.json.error.details).toEqual({ limit: maxBatchRecords });
    }
    const atLimit = await api.send("at limit", (c) => c.postJson(path, records.slice(0, maxBatchRecords)));
    expect(atLimit.status).toBe(200);
    expect(atLimit.json.accepted).toBe(maxBatchRecords);
  });

  it("refuses model and version names with path or SQL metacharacters with 4xx and a reason", async () => {
    const names = [
      "a%3Bdrop%20table%20x",
      "a;drop table x",
      "..%2Fetc",
      "%2E%2E",
      "%2F",
      "a%2Fb",
      "a'b",
      "a%22b",
      "x'%20OR%20'1'%3D'1",
      "a%00b",
      "-leading-dash",
      "%F0%9F%92%A5",
      "n".repeat(129),
    ];
    const record = [{ features: { x: 1 }, prediction: 1 }];
    for (const name of names) {
      const calls: [string, (c: ApiClient) => Promise<ApiResponse>][] = [
        ["predictions", (c) => c.postJson(`/api/v1/models/${name}/predictions`, record)],
        ["labels", (c) => c.postJson(`/api/v1/models/${name}/labels`, [{ id: "a", label: 1 }])],
        ["violations", (c) => c.get(`/api/v1/models/${name}/violations`)],
        ["prediction", (c) => c.get(`/api/v1/models/${name}/predictions/a`)],
        [
          "reference",
          (c) => c.request("POST", `/api/v1/models/${name}/versions/v1/reference`, "x\n1\n", "text/csv"),
        ],
        [
          "version",
          (c) => c.request("POST", `/api/v1/models/ok/versions/${name}/reference`, "x\n1\n", "text/csv"),
        ],
        ["contract", (c) => c.get(`/api/v1/models/ok/versions/${name}/contract`)],
      ];
      for (const [what, call] of calls) {
        const r = await api.send(`${what} ${name}`, call);
        expect(r.status, `${what} ${name}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${what} ${name}`).toBeLessThan(500);
        expect(r.json?.error?.message, `${what} ${name}`).toMatch(/\w/);
        if (r.status === 400) expect(r.json.error.code).toMatch(/^SL_INVALID_(MODEL|VERSION)_NAME$/);
      }
    }
    const sqlId = await api.send("sql id", (c) => c.get(`${path}/${encodeURIComponent("' OR 1=1 --")}`));
    expect(sqlId.status).toBe(404);
    const models = (await client.get("/api/v1/models")).json.models.map((m: { model: string }) => m.model);
    expect(models).toEqual(["hardened"]);
  });

  it("answers 415 for unsupported content types", async () => {
    const body = JSON.stringify([{ features: { x: 1 }, prediction: 1 }]);
    for (const type of [
      "application/xml",
      "multipart/form-data; boundary=x",
      "text/csv",
      "application/octet-stream",
      "image/png",
    ]) {
      const r = await api.send(`type ${type}`, (c) => c.request("POST", path, body, type));
      expect(r.status, type).toBe(415);
      expect(r.json.error.code, type).toBe("SL_UNSUPPORTED_MEDIA_TYPE");
      expect(r.json.error.message, type).toMatch(/application\/json.*application\/x-ndjson/);
    }
    const charset = await api.send("charset", (c) =>
      c.request("POST", path, body, "application/json; charset=utf-8"),
    );
    expect(charset.status).toBe(200);
  });

  it("still answers health checks and ingests after all of it, without a single 5xx", async () => {
    expect((await api.send("healthz", (c) => c.get("/healthz"))).status).toBe(200);
    expect((await api.send("readyz", (c) => c.get("/readyz"))).status).toBe(200);
    const ok = await api.send("good batch", (c) =>
      c.postNdjson(path, [{ id: "final", features: { x: 1 }, prediction: 1 }]),
    );
    expect(ok.status).toBe(200);
    expect((await client.get(`${path}/final`)).json.id).toBe("final");
    const summary = (await client.get("/api/v1/models")).json.models[0];
    expect(summary.predictions).toBe(accepted);
    expect(seen.filter((s) => s.status >= 500)).toEqual([]);
    expect(seen.length).toBeGreaterThan(100);
    expect(server.running).toBe(true);
    expect(server.output).not.toMatch(/request failed/);
  });
});
