import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../test-support/api-client.js";
import { parseMetrics, sampleValue } from "../test-support/prometheus-text.js";
import { type ServerProcess, startServerProcess } from "../test-support/server-process.js";

const predictions = (model: string) => `/api/v1/models/${model}/predictions`;

async function modelSummary(api: ApiClient, model: string) {
  const { status, json } = await api.get("/api/v1/models");
  expect(status).toBe(200);
  return (json.models as { model: string; predictions: number; labels: number }[]).find(
    (m) => m.model === model,
  );
}

describe("ingestion through a real server process", () => {
  let server: ServerProcess;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startServerProcess();
    api = new ApiClient(server.url);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("keeps the good records of a JSON batch and rejects each bad one by index, field and reason", async () => {
    const { status, json } = await api.postJson(predictions("batch"), [
      { id: "b-0", features: { age: 31, city: "paris" }, prediction: 1, scores: { "0": 0.2, "1": 0.8 } },
      { id: "b-1", features: { age: { nested: true } }, prediction: 1 },
      { id: "b-2", features: { age: 40 }, prediction: 0, latency_ms: 12.5, tags: { region: "eu" } },
      { id: "b-3", features: { age: 41 } },
      { id: "b-4", features: { age: 41 }, prediction: 1, timestamp: "yesterday" },
      { id: "b-5", features: { age: 41 }, prediction: 1, colour: "red" },
      { id: "b-6", features: { age: 50 }, prediction: 1, timestamp: "2024-03-01T12:00:00Z" },
    ]);
    expect(status).toBe(200);
    expect(json.accepted).toBe(3);
    expect(json.ids).toEqual(["b-0", "b-2", "b-6"]);
    expect(json.rejected.map((r: { index: number; field: string }) => [r.index, r.field])).toEqual([
      [1, "features.age"],
      [3, "prediction"],
      [4, "timestamp"],
      [5, "colour"],
    ]);
    for (const r of json.rejected) expect(r.reason).toMatch(/\w{3,}/);

    const stored = await api.get(`${predictions("batch")}/b-6`);
    expect(stored.status).toBe(200);
    expect(stored.json).toMatchObject({
      id: "b-6",
      model: "batch",
      version: "unversioned",
      timestamp: "2024-03-01T12:00:00.000Z",
      features: { age: 50 },
      prediction: 1,
      violations: [],
      label: null,
    });
    const withTags = await api.get(`${predictions("batch")}/b-2`);
    expect(withTags.json).toMatchObject({ latency_ms: 12.5, tags: { region: "eu" } });
    expect((await api.get(`${predictions("batch")}/b-1`)).status).toBe(404);
    expect((await modelSummary(api, "batch"))?.predictions).toBe(3);
  });

  it("ingests NDJSON and rejects only the malformed lines, naming their line numbers", async () => {
    const { status, json } = await api.postNdjson(predictions("ndjson"), [
      { id: "n-0", features: { x: 1 }, prediction: 0.5 },
      '{"id": "n-1", "features": {"x": 2}, "prediction": ',
      "",
      { id: "n-3", features: { x: 3 }, prediction: 0.25 },
      "[1, 2",
    ]);
    expect(status).toBe(200);
    expect(json.accepted).toBe(2);
    expect(json.ids).toEqual(["n-0", "n-3"]);
    expect(json.rejected).toHaveLength(2);
    expect(json.rejected[0]).toMatchObject({ index: 1, field: "$" });
    expect(json.rejected[0].reason).toMatch(/line 2\b/);
    expect(json.rejected[1]).toMatchObject({ index: 3, field: "$" });
    expect(json.rejected[1].reason).toMatch(/line 5\b/);
    expect((await api.get(`${predictions("ndjson")}/n-3`)).json.prediction).toBe(0.25);
    expect((await modelSummary(api, "ndjson"))?.predictions).toBe(2);
  });

  it("assigns time-ordered ids to records sent without one", async () => {
    const { json } = await api.postJson(predictions("no-ids"), [
      { features: { x: 1 }, prediction: 1 },
      { features: { x: 2 }, prediction: 0 },
    ]);
    expect(json.accepted).toBe(2);
    for (const id of json.ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect([...json.ids].sort()).toEqual(json.ids);
    expect((await api.get(`${predictions("no-ids")}/${json.ids[1]}`)).json.features).toEqual({ x: 2 });
  });

  it("stores a re-sent id once: re-sends are acknowledged, counted once, and keep the first record", async () => {
    const batch = Array.from({ length: 50 }, (_, i) => ({
      id: `r-${i}`,
      features: { x: i },
      prediction: i % 2,
    }));
    const first = await api.postJson(predictions("resend"), batch);
    expect(first.json.accepted).toBe(50);
    const again = await api.postNdjson(
      predictions("resend"),
      batch.map((r) => ({ ...r, prediction: 7 })),
    );
    expect(again.status).toBe(200);
    expect(again.json.accepted).toBe(50);
    const inBatch = await api.postJson(predictions("resend"), [
      { id: "r-new", features: { x: 1 }, prediction: 1 },
      { id: "r-new", features: { x: 2 }, prediction: 0 },
    ]);
    expect(inBatch.json.accepted).toBe(2);

    expect((await modelSummary(api, "resend"))?.predictions).toBe(51);
    expect((await api.get(`${predictions("resend")}/r-3`)).json.prediction).toBe(1);
    expect((await api.get(`${predictions("resend")}/r-new`)).json.features).toEqual({ x: 1 });
    const metrics = parseMetrics((await api.get("/metrics")).text);
    expect(
      sampleValue(metrics, "sightline_predictions_total", { model: "resend", version: "unversioned" }),
    ).toBe(51);
  });

  it("joins labels that arrive before and after their predictions", async () => {
    const early = await api.postJson("/api/v1/models/labelled/labels", [
      { id: "early", label: 1, timestamp: "2024-05-01T00:00:00Z" },
    ]);
    expect(early.status).toBe(200);
    expect(early.json).toMatchObject({ accepted: 1, ids: ["early"], rejected: [] });
    await api.postJson(predictions("labelled"), [
      { id: "early", features: { x: 1 }, prediction: 1 },
      { id: "late", features: { x: 2 }, prediction: "cat" },
      { id: "unlabelled", features: { x: 3 }, prediction: 0 },
    ]);
    const late = await api.postNdjson("/api/v1/models/labelled/labels", [
      { id: "late", label: "dog" },
      { id: "bad", label: { nested: 1 } },
    ]);
    expect(late.json.accepted).toBe(1);
    expect(late.json.rejected).toEqual([{ index: 1, field: "label", reason: expect.any(String) }]);

    const a = (await api.get(`${predictions("labelled")}/early`)).json;
    expect(a.label).toBe(1);
    expect(a.label_timestamp).toBe("2024-05-01T00:00:00.000Z");
    expect((await api.get(`${predictions("labelled")}/late`)).json.label).toBe("dog");
    expect((await api.get(`${predictions("labelled")}/unlabelled`)).json.label).toBeNull();

    await api.postJson("/api/v1/models/labelled/labels", [{ id: "late", label: "cat" }]);
    expect((await api.get(`${predictions("labelled")}/late`)).json.label).toBe("cat");
    expect(await modelSummary(api, "labelled")).toMatchObject({ predictions: 3, labels: 2 });
  });
});
