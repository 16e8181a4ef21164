import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../../config.js";
import { type RunningServer, startServer } from "../../server.js";
import { ApiClient } from "../../test-support/api-client.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";

const hour = 3_600_000;
const day = 24 * hour;
const start = Date.UTC(2024, 2, 1);
const perDay = 200;
const lagMs = 2 * hour;

/** A day of predictions of a classifier that predicts `score >= 0.5`; ids name the day. */
function predictionsOfDay(d: number) {
  return Array.from({ length: perDay }, (_, i) => {
    const score = ((i * 37) % 1000) / 1000;
    return {
      id: `d${d}-${i}`,
      timestamp: start + d * day + i * (day / perDay),
      version: "v1",
      features: { x: i % 7 },
      prediction: score >= 0.5 ? 1 : 0,
      scores: { "0": 1 - score, "1": score },
    };
  });
}

/** The day's labels, `lagMs` after each prediction (event time): right, or all wrong. */
function labelsOfDay(d: number, wrong = false) {
  return predictionsOfDay(d).map((p) => ({
    id: p.id,
    label: wrong ? 1 - p.prediction : p.prediction,
    timestamp: p.timestamp + lagMs,
  }));
}

describe("performance monitors across a restart, on the observed label lag", () => {
  let dir: string;
  let server: RunningServer | undefined;
  let api: ApiClient;

  const open = async () => {
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    api = new ApiClient(server.url);
  };
  const post = async (path: string, body: unknown, status: number) => {
    const answer = await api.postJson(path, body);
    expect(answer.status, answer.text).toBe(status);
    return answer.json;
  };
  const pendingDays = async () => {
    const progress = await server!.services.store.alerts.getDelayedProgress("clf", day);
    return progress.pending.filter((p) => p.monitor === "clf-accuracy").map((p) => (p.fromMs - start) / day);
  };

  beforeAll(async () => {
    dir = await makeTempDir("sightline-label-delay-");
    await open();
    const reference = predictionsOfDay(0).map(
      (p) => `${p.features.x},${p.scores["1"]},${p.prediction},${p.prediction}`,
    );
    const uploaded = await api.request(
      "POST",
      "/api/v1/models/clf/versions/v1/reference",
      ["x,score,prediction,label", ...reference].join("\n"),
      "text/csv",
    );
    expect(uploaded.status, uploaded.text).toBe(201);
    const monitor = {
      name: "clf-accuracy",
      model: "clf",
      kind: "performance",
      metric: "accuracy",
      version: "v1",
    };
    await post("/api/v1/monitors", monitor, 201);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  it("rejects a negative or unparseable delay, naming the field", async () => {
    for (const delay of ["-1d", "soon", -5, "3 days"]) {
      const answer = await api.postJson("/api/v1/monitors", {
        name: "bad-delay",
        model: "clf",
        kind: "performance",
        delay,
      });
      expect(answer.status).toBe(400);
      expect(answer.json.error).toMatchObject({
        code: "SL_INVALID_MONITOR",
        details: { field: "monitor.delay" },
      });
      expect(answer.json.error.message).toMatch(/^monitor\.delay must be a duration like 15m, 1h, 1d or 1w/);
    }
  });

  it("waits the observed lag, keeps a window short of labels in the store, and judges it after a restart", async () => {
    for (let d = 0; d <= 4; d++) await post("/api/v1/models/clf/predictions", predictionsOfDay(d), 200);
    await post("/api/v1/models/clf/labels", [...labelsOfDay(0), ...labelsOfDay(1)], 200);
    await post("/api/v1/monitors/evaluate", {}, 200);

    const listed = (await api.get("/api/v1/monitors?model=clf")).json.monitors;
    const accuracy = listed.find((m: { name: string }) => m.name === "clf-accuracy");
    // Every lag is exactly 2 h, so its p95 is too; 400 labels, all within the 30 days before the clock.
    expect(accuracy).toMatchObject({
      delay: "2h",
      delay_source: { source: "observed", quantile: 0.95, labels: 2 * perDay, lag_ms: lagMs },
    });
    const drift = listed.find((m: { name: string }) => m.name === "clf.drift");
    expect(drift).toMatchObject({ delay: 0, delay_source: { source: "default" } });
    // Clock at the end of day 4: days 0-2 are past end + 2 h; day 2 has no labels yet.
    expect(await pendingDays()).toEqual([2]);
    expect((await api.get("/api/v1/alerts?model=clf")).json.alerts).toEqual([]);

    await server!.close();
    server = undefined;
    await open();
    await post("/api/v1/models/clf/labels", labelsOfDay(2, true), 200);
    for (let d = 5; d <= 12; d++) await post("/api/v1/models/clf/predictions", predictionsOfDay(d), 200);
    await post("/api/v1/monitors/evaluate", {}, 200);

    const alerts = (await api.get("/api/v1/alerts?model=clf")).json.alerts;
    const fired = alerts.filter((a: { monitor: string }) => a.monitor === "clf-accuracy");
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ state: "firing", starts_at: new Date(start + 2 * day).toISOString() });
    expect(fired[0].evidence.value).toBe(0);
    expect(fired[0].evidence.check.label_delay).toEqual({
      delay: "2h",
      source: "observed",
      quantile: 0.95,
      labels: 3 * perDay,
      lag_ms: lagMs,
    });
    // Clock at the end of day 12: day 2 is mature, day 3 (end + 2 h + 7 d look-back) given up; days 4-10
    // were judged without labels and wait; day 11 is not due yet.
    expect(await pendingDays()).toEqual([4, 5, 6, 7, 8, 9, 10]);
  });
});
