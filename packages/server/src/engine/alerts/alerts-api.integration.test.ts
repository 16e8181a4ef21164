import { writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../../config.js";
import { type RunningServer, startServer } from "../../server.js";
import { ApiClient } from "../../test-support/api-client.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";

const hour = 3_600_000;
const t0 = Date.UTC(2024, 2, 1);
const model = "fraud";

/** Predictions per hour: `bad` hours are all errors, the others all fine; one more row closes the last hour. */
function hours(pattern: string, offset = 0): unknown[] {
  const rows: unknown[] = [];
  [...pattern].forEach((mark, h) => {
    for (let i = 0; i < 10; i++) {
      const base = {
        id: `p-${h + offset}-${i}`,
        timestamp: t0 + (h + offset) * hour + i * 60_000,
        features: { x: i },
      };
      rows.push(mark === "x" ? { ...base, error: "timeout" } : { ...base, prediction: i % 2 });
    }
  });
  rows.push({
    id: `close-${offset + pattern.length}`,
    timestamp: t0 + (offset + pattern.length) * hour,
    features: { x: 0 },
    prediction: 0,
  });
  return rows;
}

const monitorsYaml = (hookUrl: string) => `
notifiers:
  - { name: hook, type: webhook, url: "${hookUrl}" }
monitors:
  - name: errors
    model: ${model}
    kind: error_rate
    window: 1h
    threshold: { above: 0.5 }
    for: 2
    severity: critical
    labels: { team: risk }
`;

interface Received {
  model: string;
  alerts: { status: string; monitor: string; evidence: { link: string; value: number } }[];
}

async function start(dir: string, hookUrl: string): Promise<RunningServer> {
  const file = join(dir, "monitors.yaml");
  await writeFile(file, monitorsYaml(hookUrl));
  const config = resolveServerConfig(
    { port: 0, host: "127.0.0.1", dataDir: join(dir, "data"), logLevel: "silent", monitors: file },
    {
      SIGHTLINE_API_KEYS: "admin:admin-key-123,reader:read:read-key-123,ingest:ingest-key-123",
      SIGHTLINE_PUBLIC_URL: "http://ui.example",
      SIGHTLINE_MONITOR_GRACE_SECONDS: "0",
      SIGHTLINE_MONITOR_INTERVAL_SECONDS: "3600",
    },
  );
  return startServer(config);
}

describe("monitors and alerts through the HTTP API", () => {
  let dir: string;
  let server: RunningServer;
  let admin: ApiClient;
  let reader: ApiClient;
  let hook: Server;
  const received: Received[] = [];
  let hookUrl = "";

  beforeAll(async () => {
    dir = await makeTempDir("sightline-it-alerts-");
    hook = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        received.push(JSON.parse(body) as Received);
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    const address = hook.address();
    hookUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;
    server = await start(dir, hookUrl);
    admin = new ApiClient(server.url, "admin-key-123");
    reader = new ApiClient(server.url, "read-key-123");
  });

  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => hook?.close(resolve));
    await removeTempDir(dir);
  });

  async function ingestAndEvaluate(rows: unknown[], api = server) {
    const client = new ApiClient(api.url, "admin-key-123");
    const ingest = await client.postJson(`/api/v1/models/${model}/predictions`, rows);
    expect(ingest.status).toBe(200);
    const evaluated = await client.postJson("/api/v1/monitors/evaluate", {});
    expect(evaluated.status).toBe(200);
    await api.services.monitors.drain();
  }

  it("lists monitors from the file and checks roles", async () => {
    const list = await reader.get(`/api/v1/monitors?model=${model}`);
    expect(list.status).toBe(200);
    expect(list.json.monitors).toEqual([
      expect.objectContaining({
        name: "errors",
        kind: "error_rate",
        window: "1h",
        for_ms: 2 * hour,
        source: "file",
      }),
    ]);
    expect(list.json.notifiers).toEqual(["hook"]);
    expect((await admin.withKey(undefined).get("/api/v1/monitors")).status).toBe(401);
    expect((await reader.postJson("/api/v1/monitors", { name: "x", model, kind: "volume" })).status).toBe(
      403,
    );
    expect((await reader.postJson("/api/v1/monitors/evaluate", {})).status).toBe(403);
    expect((await reader.postJson("/api/v1/silences", {})).status).toBe(403);
    expect((await admin.withKey("ingest-key-123").get("/api/v1/alerts")).status).toBe(403);
  });

  it("creates the default monitors once a model has a reference, and switches one off on DELETE", async () => {
    const csv = `x,prediction\n${Array.from({ length: 50 }, (_, i) => `${i % 10},${i % 2}`).join("\n")}\n`;
    const upload = await admin.request(
      "POST",
      `/api/v1/models/${model}/versions/v1/reference`,
      csv,
      "text/csv",
    );
    expect(upload.status).toBe(201);
    const list = (await reader.get(`/api/v1/monitors?model=${model}`)).json.monitors;
    const defaults = list.filter((m: { source: string }) => m.source === "default");
    expect(defaults.map((m: { kind: string }) => m.kind).sort()).toEqual(
      [
        "drift",
        "error_rate",
        "latency",
        "performance",
        "quality",
        "serving_version",
        "stuck_output",
        "volume",
      ].sort(),
    );
    expect(defaults.find((m: { kind: string }) => m.kind === "error_rate")).toMatchObject({
      name: `${model}.error_rate`,
      threshold: { above: 0.05 },
      window: "1d",
    });
    expect((await admin.request("DELETE", `/api/v1/monitors/${model}.volume`)).status).toBe(204);
    expect((await reader.get(`/api/v1/monitors/${model}.volume`)).json.monitor).toMatchObject({
      enabled: false,
    });
  });

  it("validates monitors posted through the API and creates, replaces and deletes them", async () => {
    const bad = await admin.postJson("/api/v1/monitors", {
      name: "lat",
      model,
      kind: "latency",
      threshold: { above: "high" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({
      code: "SL_INVALID_MONITOR",
      details: { field: "monitor.threshold.above" },
    });
    const unknownNotifier = await admin.postJson("/api/v1/monitors", {
      name: "lat",
      model,
      kind: "latency",
      notify: ["pager"],
    });
    expect(unknownNotifier.json.error).toMatchObject({
      code: "SL_INVALID_MONITOR",
      details: { field: "notify" },
    });
    const created = await admin.postJson("/api/v1/monitors", {
      name: "lat",
      model,
      kind: "latency",
      threshold: { above: 250 },
    });
    expect(created.status).toBe(201);
    expect((await admin.postJson("/api/v1/monitors", { name: "lat", model, kind: "latency" })).status).toBe(
      409,
    );
    const replaced = await admin.request(
      "PUT",
      "/api/v1/monitors/lat",
      JSON.stringify({ model, kind: "latency", threshold: { above: 500 } }),
      "application/json",
    );
    expect(replaced.status).toBe(200);
    expect((await reader.get("/api/v1/monitors/lat")).json.monitor).toMatchObject({
      threshold: { above: 500 },
      source: "api",
    });
    expect((await admin.request("DELETE", "/api/v1/monitors/lat")).status).toBe(204);
    expect((await reader.get("/api/v1/monitors/lat")).status).toBe(404);
    // Deleting a file monitor switches it off (an API override), and PUT switches it back on.
    expect((await admin.request("DELETE", "/api/v1/monitors/errors")).status).toBe(204);
    expect((await reader.get("/api/v1/monitors/errors")).json.monitor).toMatchObject({
      enabled: false,
      source: "api",
    });
    const back = await admin.request(
      "PUT",
      "/api/v1/monitors/errors",
      JSON.stringify({
        model,
        kind: "error_rate",
        window: "1h",
        threshold: { above: 0.5 },
        for: 2,
        severity: "critical",
        labels: { team: "risk" },
      }),
      "application/json",
    );
    expect(back.status).toBe(200);
  });

  it("goes pending, fires after `for`, resolves, and notifies the firing and the resolution grouped per model", async () => {
    await ingestAndEvaluate(hours(".xx."));
    const history = await reader.get(`/api/v1/models/${model}/alerts`);
    expect(history.status).toBe(200);
    expect(history.json.history.map((e: { type: string; at: string }) => [e.type, e.at])).toEqual([
      ["pending", new Date(t0 + 2 * hour).toISOString()],
      ["firing", new Date(t0 + 3 * hour).toISOString()],
      ["resolved", new Date(t0 + 4 * hour).toISOString()],
    ]);
    const [alert] = history.json.alerts;
    expect(alert).toMatchObject({
      state: "resolved",
      monitor: "errors",
      subject: "overall",
      severity: "critical",
      labels: { team: "risk" },
      starts_at: new Date(t0 + hour).toISOString(),
    });
    expect(alert.evidence.link).toMatch(/^http:\/\/ui\.example\/models\/fraud\?from=.*&focus=overall$/);
    expect(received.map((r) => [r.model, r.alerts.map((a) => a.status)])).toEqual([
      [model, ["firing"]],
      [model, ["resolved"]],
    ]);
    expect(received[0]?.alerts[0]?.evidence.value).toBe(1);
  });

  it("acknowledges alerts and silences notifications by matcher until a time", async () => {
    const [alert] = (await reader.get(`/api/v1/alerts?model=${model}`)).json.alerts;
    expect((await reader.postJson(`/api/v1/alerts/${alert.id}/ack`, {})).status).toBe(403);
    const acked = await admin.postJson(`/api/v1/alerts/${alert.id}/ack`, { by: "oncall" });
    expect(acked.json.alert).toMatchObject({ id: alert.id, acknowledged_by: "oncall" });
    expect((await admin.postJson("/api/v1/alerts/nope/ack", {})).status).toBe(404);

    const badSilence = await admin.postJson("/api/v1/silences", {
      matchers: {},
      until: "2999-01-01T00:00:00Z",
    });
    expect(badSilence.json.error).toMatchObject({
      code: "SL_INVALID_MONITOR",
      details: { field: "silence.matchers" },
    });
    const past = await admin.postJson("/api/v1/silences", {
      matchers: { model },
      until: "2000-01-01T00:00:00Z",
    });
    expect(past.json.error.details).toEqual({ field: "silence.until" });
    const silence = await admin.postJson("/api/v1/silences", {
      matchers: { model, team: "risk" },
      until: Date.now() + hour,
      comment: "maintenance",
    });
    expect(silence.status).toBe(201);
    expect((await reader.get("/api/v1/silences")).json.silences.map((s: { id: string }) => s.id)).toEqual([
      silence.json.silence.id,
    ]);

    const before = received.length;
    await ingestAndEvaluate(hours("xx", 5), server);
    const firing = (await reader.get(`/api/v1/alerts?state=firing&model=${model}`)).json.alerts;
    expect(firing).toHaveLength(1);
    // The listing shows the silence in force and the labels it matched on.
    expect(firing[0]).toMatchObject({
      silenced: true,
      silence_id: silence.json.silence.id,
      labels: { team: "risk", model, monitor: "errors", subject: "overall", severity: "critical" },
    });
    expect(received.length).toBe(before);
    const events = (await reader.get(`/api/v1/alerts/${firing[0].id}`)).json.history;
    expect(events.map((e: { type: string; silenced: boolean }) => [e.type, e.silenced])).toEqual([
      ["pending", true],
      ["firing", true],
    ]);
    expect((await admin.request("DELETE", `/api/v1/silences/${silence.json.silence.id}`)).status).toBe(204);
    expect((await reader.get("/api/v1/silences")).json.silences).toEqual([]);
    const unsilenced = (await reader.get(`/api/v1/models/${model}/alerts?state=firing`)).json.alerts;
    expect(unsilenced[0]).toMatchObject({ id: firing[0].id, silenced: false, silence_id: null });
    expect((await reader.get("/api/v1/alerts?state=burning")).json.error.details).toEqual({ field: "state" });
  });

  it("gives the same alert history when the same data is replayed in one go into a fresh server", async () => {
    const live = (await reader.get(`/api/v1/models/${model}/alerts`)).json.history;
    const replayDir = await makeTempDir("sightline-it-replay-");
    const replay = await start(replayDir, hookUrl);
    try {
      const all = [...hours(".xx."), ...hours("xx", 5)].reverse();
      await ingestAndEvaluate(all, replay);
      const again = (await new ApiClient(replay.url, "read-key-123").get(`/api/v1/models/${model}/alerts`))
        .json.history;
      const shape = (h: { alert_id: string; type: string; at: string }[]) =>
        h.map((e) => [e.alert_id, e.type, e.at]);
      expect(shape(again)).toEqual(shape(live));
    } finally {
      await replay.close();
      await removeTempDir(replayDir);
    }
  });

  it("gives retraining advice for the last closed window", async () => {
    const advice = await reader.get(`/api/v1/models/${model}/advice`);
    expect(advice.status).toBe(200);
    expect(advice.json).toMatchObject({
      model,
      verdict: expect.stringMatching(/^(ok|watch|retrain|insufficient_data)$/),
    });
    // The newest prediction is at t0 + 7h, inside the day from t0: the last closed day is the one before.
    expect(advice.json.window).toEqual({
      from: new Date(t0 - 86_400_000).toISOString(),
      to: new Date(t0).toISOString(),
    });
    const ranged = await reader.get(`/api/v1/models/${model}/advice?from=${t0}&to=${t0 + 8 * hour}`);
    expect(ranged.json.window).toEqual({
      from: new Date(t0).toISOString(),
      to: new Date(t0 + 8 * hour).toISOString(),
    });
    expect(ranged.json.checks).toBeGreaterThan(0);
    expect((await reader.get(`/api/v1/models/${model}/advice?window=3x`)).json.error.details).toEqual({
      field: "window",
    });
    expect((await reader.get("/api/v1/models/nobody/advice")).status).toBe(404);
  });
});
