import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../config.js";
import { type RunningServer, startServer } from "../server.js";
import { ApiClient } from "../test-support/api-client.js";
import { mulberry32 } from "../test-support/seeded-random.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";

const newKey = () => `slk_${randomBytes(24).toString("base64url")}`;
const day = 86_400_000;
const t0 = Date.UTC(2026, 0, 10);

/** Labelled predictions of one version: `accuracy` of them correct, an error share, scores pushed up by `scoreShift`. */
function traffic(version: string, n: number, accuracy: number, seed: number, errorRate = 0, scoreShift = 0) {
  const next = mulberry32(seed);
  const predictions: Record<string, unknown>[] = [];
  const labels: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${version}-${seed}-${i}`;
    const label = next() < 0.5 ? 1 : 0;
    const correct = next() < accuracy;
    const p1 = (correct === (label === 1) ? 0.5 + next() / 2 : next() / 2) ** (1 - scoreShift);
    const base = {
      id,
      version,
      timestamp: t0 + i * 1000,
      features: { x: next() },
      latency_ms: 20 + next() * 5,
    };
    if (next() < errorRate) predictions.push({ ...base, error: "timeout" });
    else {
      predictions.push({
        ...base,
        prediction: correct ? label : 1 - label,
        scores: { "0": 1 - p1, "1": p1 },
      });
      labels.push({ id, label });
    }
  }
  return { predictions, labels };
}

describe("model registry over real HTTP", () => {
  const adminKey = newKey();
  const readKey = newKey();
  let dir: string;
  let server: RunningServer;
  let admin: ApiClient;
  let reader: ApiClient;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-registry-");
    server = await startServer(
      resolveServerConfig(
        { port: 0, dataDir: dir, logLevel: "silent", host: "127.0.0.1" },
        { SIGHTLINE_API_KEYS: `ops:admin:${adminKey},dash:read:${readKey}` },
      ),
    );
    admin = new ApiClient(server.url, adminKey);
    reader = new ApiClient(server.url, readKey);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  const put = (api: ApiClient, path: string, body: unknown) =>
    api.request("PUT", path, JSON.stringify(body), "application/json");

  it("registers, promotes, rolls back and audits who did what", async () => {
    for (const version of ["v1", "v2", "v3"]) {
      const r = await admin.postJson("/api/v1/models/fraud/versions", { version, metrics: { auc: 0.9 } });
      expect(r.status).toBe(201);
      expect(r.json).toMatchObject({ version, registered: true, artifact_uri: `models:/fraud/${version}` });
    }
    const again = await admin.postJson("/api/v1/models/fraud/versions", { version: "v1" });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("SL_CONFLICT");

    const never = await admin.postJson("/api/v1/models/fraud/aliases/production/rollback", {});
    expect(never.status).toBe(409);
    expect(never.json.error.message).toMatch(/never promoted/);

    for (const version of ["v1", "v2", "v3"]) {
      const r = await put(admin, "/api/v1/models/fraud/aliases/production", { version });
      expect(r.status).toBe(200);
    }
    const back = await admin.postJson("/api/v1/models/fraud/aliases/production/rollback", {});
    expect(back.json).toMatchObject({ alias: "production", version: "v2", previous_version: "v3" });
    const further = await admin.postJson("/api/v1/models/fraud/aliases/production/rollback", {});
    expect(further.json).toMatchObject({ version: "v1", previous_version: "v2" });
    const none = await admin.postJson("/api/v1/models/fraud/aliases/production/rollback", {});
    expect(none.status).toBe(409);
    expect(none.json.error.message).toMatch(/no earlier version/);

    const model = await reader.get("/api/v1/models/fraud");
    expect(model.json).toMatchObject({ registered: true, aliases: { production: "v1" } });
    const audit = await reader.get("/api/v1/models/fraud/audit");
    const actions = audit.json.audit.map((e: { action: string; actor: string }) => `${e.action}:${e.actor}`);
    expect(actions.slice(0, 5)).toEqual([
      "rollback:ops",
      "rollback:ops",
      "promote:ops",
      "promote:ops",
      "promote:ops",
    ]);
    expect(audit.json.audit[0]).toMatchObject({ alias: "production", version: "v1", previous_version: "v2" });
  });

  it("answers 404 for unknown versions, 400 for bad alias names and 403 when a read key promotes", async () => {
    const unknown = await put(admin, "/api/v1/models/fraud/aliases/staging", { version: "v9" });
    expect(unknown.status).toBe(404);
    expect((await reader.get("/api/v1/models/fraud/versions/v9")).status).toBe(404);
    const badAlias = await put(admin, "/api/v1/models/fraud/aliases/Prod!", { version: "v1" });
    expect(badAlias.status).toBe(400);
    expect(badAlias.json.error).toMatchObject({ code: "SL_INVALID_ALIAS", details: { field: "alias" } });
    const badBody = await admin.postJson("/api/v1/models/fraud/versions", {
      version: "v4",
      metrics: { auc: "x" },
    });
    expect(badBody.json.error).toMatchObject({ code: "SL_INVALID_BODY", details: { field: "metrics.auc" } });
    const forbidden = await put(reader, "/api/v1/models/fraud/aliases/staging", { version: "v1" });
    expect(forbidden.status).toBe(403);
    expect((await reader.get("/api/v1/models/fraud/aliases")).status).toBe(404);
  });

  it("lists registered models with prediction-only models and unregistered versions", async () => {
    const ingested = await admin.postJson("/api/v1/models/fraud/predictions", [
      { id: "u-1", version: "v0", features: { x: 1 }, prediction: 1, timestamp: t0 },
    ]);
    expect(ingested.status).toBe(200);
    await admin.postJson("/api/v1/models/other/predictions", [
      { id: "o-1", features: { x: 1 }, prediction: 1 },
    ]);
    const list = await reader.get("/api/v1/models");
    const byName = Object.fromEntries(list.json.models.map((m: { model: string }) => [m.model, m]));
    expect(byName.fraud).toMatchObject({ registered: true, aliases: { production: "v1" }, predictions: 1 });
    expect(byName.other).toMatchObject({ registered: false, aliases: {}, predictions: 1 });
    const versions = await reader.get("/api/v1/models/fraud/versions");
    const v0 = versions.json.versions.find((v: { version: string }) => v.version === "v0");
    expect(v0).toMatchObject({ registered: false, predictions: 1, aliases: [] });
  });

  it("flags a stale version still serving after a newer one was promoted", async () => {
    await admin.postJson("/api/v1/models/churn/versions", { version: "old" });
    await admin.postJson("/api/v1/models/churn/versions", { version: "new" });
    await put(admin, "/api/v1/models/churn/aliases/production", { version: "new" });
    const rows = [
      ...Array.from({ length: 8 }, (_, i) => ({
        id: `n${i}`,
        version: "new",
        timestamp: t0 + i,
        features: {},
        prediction: 1,
      })),
      ...Array.from({ length: 2 }, (_, i) => ({
        id: `o${i}`,
        version: "old",
        timestamp: t0 + i,
        features: {},
        prediction: 1,
      })),
    ];
    expect((await admin.postJson("/api/v1/models/churn/predictions", rows)).json.accepted).toBe(10);
    const serving = await reader.get(`/api/v1/models/churn/serving?from=${t0 - day}&to=${t0 + day}`);
    expect(serving.status).toBe(200);
    const [version, ...staleness] = serving.json.checks;
    expect(version).toMatchObject({ kind: "serving_version", breached: true, value: 0.2, rows: 10 });
    expect(version.evidence).toMatchObject({ alias_version: "new", off_alias_versions: ["old"] });
    const byVersion = Object.fromEntries(staleness.map((c: { version: string }) => [c.version, c]));
    expect(byVersion.old).toMatchObject({
      kind: "staleness",
      breached: true,
      evidence: { superseded: true },
    });
    expect(byVersion.new).toMatchObject({ kind: "staleness", breached: false });
    const bad = await reader.get("/api/v1/models/churn/serving?from=tomorrow");
    expect(bad.json.error).toMatchObject({ code: "SL_INVALID_QUERY", details: { field: "from" } });
  });

  it("takes training time from the lineage run that trained the version", async () => {
    const run = await admin.postJson("/api/v1/runs", {
      id: "train-legacy",
      component: "train",
      start_time: t0 - 200 * day,
      end_time: t0 - 199 * day,
    });
    expect(run.status).toBe(201);
    const registered = await admin.postJson("/api/v1/models/legacy/versions", {
      version: "v1",
      run_id: "train-legacy",
    });
    expect(registered.json).toMatchObject({
      run_id: "train-legacy",
      trained_timestamp: new Date(t0 - 200 * day).toISOString(),
    });
    await put(admin, "/api/v1/models/legacy/aliases/production", { version: "v1" });
    await admin.postJson("/api/v1/models/legacy/predictions", [
      { id: "l1", version: "v1", timestamp: t0, features: {}, prediction: 0 },
    ]);
    const serving = await reader.get(`/api/v1/models/legacy/serving?from=${t0}&to=${t0 + day}`);
    const [version, staleness] = serving.json.checks;
    expect(version.breached).toBe(false);
    expect(staleness).toMatchObject({
      kind: "staleness",
      version: "v1",
      breached: true,
      value: 201,
      threshold: 90,
    });
  });

  it("compares a clearly worse candidate and an equal one", async () => {
    const send = async (t: ReturnType<typeof traffic>) => {
      expect((await admin.postJson("/api/v1/models/canary/predictions", t.predictions)).status).toBe(200);
      expect((await admin.postJson("/api/v1/models/canary/labels", t.labels)).status).toBe(200);
    };
    await send(traffic("v1", 600, 0.9, 1));
    await send(traffic("v2", 600, 0.7, 2, 0.05, 0.3));
    await send(traffic("v3", 600, 0.9, 3));
    const range = `from=${t0}&to=${t0 + day}`;
    const worse = await reader.get(`/api/v1/models/canary/compare?baseline=v1&candidate=v2&${range}`);
    expect(worse.status).toBe(200);
    expect(worse.json.verdict).toBe("candidate_worse");
    expect(worse.json.performance.metric).toBe("accuracy");
    expect(worse.json.performance.ci[1]).toBeLessThan(0);
    expect(worse.json.error_rate.significant).toBe(true);
    expect(worse.json.outputs).toMatchObject({
      kind: "numeric",
      source: "score",
      test: "ks",
      significant: true,
    });
    const equal = await reader.get(`/api/v1/models/canary/compare?baseline=v1&candidate=v3&${range}`);
    expect(equal.json.verdict).toBe("no_significant_difference");
    expect(equal.json.outputs.significant).toBe(false);
    expect(equal.json.performance.ci[0]).toBeLessThan(0);
    expect(equal.json.performance.ci[1]).toBeGreaterThan(0);
    const same = await reader.get(`/api/v1/models/canary/compare?baseline=v1&candidate=v1`);
    expect(same.status).toBe(400);
    const little = await reader.get(
      `/api/v1/models/canary/compare?baseline=v1&candidate=v3&from=${t0}&to=${t0 + 5000}`,
    );
    expect(little.json.verdict).toBe("insufficient_data");
  });

  it("compares regression versions by MAE and class outputs by chi-square", async () => {
    const next = mulberry32(11);
    const rows = (version: string, noise: number) =>
      Array.from({ length: 300 }, (_, i) => {
        const truth = 100 * next();
        return {
          id: `${version}-${i}`,
          truth,
          prediction: truth + noise * (next() - 0.5),
          timestamp: t0 + i,
        };
      });
    for (const [version, noise] of [
      ["r1", 2],
      ["r2", 6],
    ] as const) {
      const data = rows(version, noise);
      const predictions = data.map(({ truth: _t, ...p }) => ({ ...p, version, features: {} }));
      expect((await admin.postJson("/api/v1/models/price/predictions", predictions)).status).toBe(200);
      await admin.postJson(
        "/api/v1/models/price/labels",
        data.map((d) => ({ id: d.id, label: d.truth })),
      );
    }
    const range = `from=${t0}&to=${t0 + day}`;
    const regression = await reader.get(`/api/v1/models/price/compare?baseline=r1&candidate=r2&${range}`);
    expect(regression.json).toMatchObject({
      verdict: "candidate_worse",
      performance: { task: "regression", metric: "mae" },
    });
    // Uniform noise of width w has mean absolute error w / 4.
    expect(regression.json.performance.baseline.value).toBeCloseTo(0.5, 1);
    expect(regression.json.performance.candidate.value).toBeCloseTo(1.5, 1);
    expect(regression.json.outputs).toMatchObject({
      kind: "numeric",
      source: "prediction",
      significant: false,
    });

    const classes = (version: string, catShare: number) =>
      Array.from({ length: 400 }, (_, i) => ({
        id: `${version}-${i}`,
        version,
        timestamp: t0 + i,
        features: {},
        prediction: i < 400 * catShare ? "cat" : "dog",
      }));
    await admin.postJson("/api/v1/models/pets/predictions", [...classes("a", 0.5), ...classes("b", 0.3)]);
    const pets = await reader.get(`/api/v1/models/pets/compare?baseline=a&candidate=b&${range}`);
    expect(pets.json.outputs).toMatchObject({
      kind: "categorical",
      test: "chi_square",
      bins: 2,
      significant: true,
    });
    expect(pets.json.verdict).toBe("no_significant_difference");
    expect(pets.json.performance).toBeNull();
  });
});
