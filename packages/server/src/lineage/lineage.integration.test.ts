import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../config.js";
import { type RunningServer, startServer } from "../server.js";
import { ApiClient } from "../test-support/api-client.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";
import type { TraceNode } from "./trace-tree.js";

const hourMs = 3_600_000;
const dayMs = 86_400_000;
const t0 = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

// Every root-to-run path of a trace, as the components (and artifact names) along it.
function paths(node: TraceNode, prefix: string[] = [], out: string[][] = []): string[][] {
  const label = node.type === "run" ? node.component : node.type === "artifact" ? node.name : "prediction";
  const here = [...prefix, label];
  if (node.type === "run") out.push(here);
  for (const child of node.children) paths(child, here, out);
  return out;
}

describe("lineage through a real server", () => {
  let dir: string;
  let server: RunningServer;
  let api: ApiClient;
  let withRunIds = false;
  const ids: Record<string, string> = {};

  const postRun = async (body: Record<string, unknown>) => {
    const res = await api.postJson("/api/v1/runs", body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json as { id: string; dependencies: string[]; stale: string[] };
  };

  beforeAll(async () => {
    dir = await makeTempDir("sightline-lineage-");
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    api = new ApiClient(server.url);
    withRunIds = await server.services.store.lineage.predictionsHaveRunIds();
    // The five-step pipeline: clean → featuregen → split → train → inference.
    const step = async (name: string, hour: number, inputs: unknown[], outputs: unknown[], extra = {}) => {
      const r = await postRun({
        component: name,
        start_time: iso(t0 + hour * hourMs),
        end_time: t0 + (hour + 0.5) * hourMs,
        inputs,
        outputs,
        ...extra,
      });
      ids[name] = r.id;
      return r;
    };
    await step("clean", 0, ["s3://raw/flights.csv"], ["s3://lake/clean.parquet"], { owner: "data-eng" });
    await step("featuregen", 1, ["s3://lake/clean.parquet"], ["s3://lake/features.parquet"]);
    await step(
      "split",
      2,
      ["s3://lake/features.parquet"],
      ["s3://lake/train.parquet", "s3://lake/test.parquet"],
    );
    await step("train", 3, ["s3://lake/train.parquet"], [{ name: "models:/delay/1" }], {
      params: { depth: 6 },
      metrics: { auc: 0.81 },
      git_commit: "abc123",
    });
    await step(
      "inference",
      4,
      ["models:/delay/1", "s3://lake/features.parquet"],
      ["https://api.example/predict"],
    );
    // An unrelated version trained on other data: its predictions must not show in the impact of clean.
    const other = await postRun({
      component: "train",
      start_time: t0 - dayMs,
      end_time: t0 - dayMs + hourMs,
      inputs: ["s3://lake/old-train.parquet"],
      outputs: ["models:/delay/0"],
    });
    ids.otherTrain = other.id;
    const predictions = [
      ...Array.from({ length: 10 }, (_, i) => ({
        id: `p-${i}`,
        version: "1",
        timestamp: t0 + 5 * hourMs + i * 1000,
        features: { distance: 100 + i },
        prediction: i % 2,
        ...(withRunIds ? { run_id: ids.inference } : {}),
      })),
      ...Array.from({ length: 4 }, (_, i) => ({
        id: `old-${i}`,
        version: "0",
        timestamp: t0 + 5 * hourMs,
        features: { distance: 1 },
        prediction: 0,
      })),
    ];
    const ingested = await api.postJson("/api/v1/models/delay/predictions", predictions);
    expect(ingested.json.accepted).toBe(14);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  it("resolves each input to the latest earlier run that wrote it", async () => {
    const run = await api.get(`/api/v1/runs/${ids.inference}`);
    expect(run.status).toBe(200);
    expect(run.json.dependencies).toEqual([ids.train, ids.featuregen]);
    expect(run.json.inputs.map((i: { kind: string }) => i.kind)).toEqual(["model", "data"]);
    expect(run.json.outputs[0].kind).toBe("endpoint");
    const train = await api.get(`/api/v1/runs/${ids.train}`);
    expect(train.json).toMatchObject({
      component: "train",
      status: "success",
      git_commit: "abc123",
      metrics: { auc: 0.81 },
    });
    expect(train.json.dependencies).toEqual([ids.split]);
  });

  it("traces a prediction to cleaning through the model version and through the served features", async () => {
    const res = await api.get("/api/v1/lineage/trace?model=delay&prediction=p-3");
    expect(res.status).toBe(200);
    expect(res.json.trace).toMatchObject({ type: "prediction", model: "delay", id: "p-3", version: "1" });
    const all = paths(res.json.trace).map((p) => p.join(" > "));
    expect(all).toContain(
      "prediction > models:/delay/1 > train > s3://lake/train.parquet > split > s3://lake/features.parquet > featuregen > s3://lake/clean.parquet > clean",
    );
    if (withRunIds) {
      expect(res.json.trace.run_id).toBe(ids.inference);
      expect(all).toContain(
        "prediction > inference > s3://lake/features.parquet > featuregen > s3://lake/clean.parquet > clean",
      );
      expect(all).toContain("prediction > inference > models:/delay/1 > train");
    }
    const shallow = await api.get("/api/v1/lineage/trace?model=delay&prediction=p-3&depth=2");
    const deepest = Math.max(
      ...paths(shallow.json.trace).map((p) => p.filter((x) => !x.includes(":") && x !== "prediction").length),
    );
    expect(deepest).toBe(2);
  });

  it("traces a run and an artifact backwards", async () => {
    const run = await api.get(`/api/v1/lineage/trace?run=${ids.split}`);
    expect(paths(run.json.trace).map((p) => p.filter((x) => !x.includes(":")))).toEqual([
      ["split"],
      ["split", "featuregen"],
      ["split", "featuregen", "clean"],
    ]);
    const artifact = await api.get(
      `/api/v1/lineage/trace?artifact=${encodeURIComponent("s3://lake/features.parquet")}`,
    );
    expect(artifact.json.trace).toMatchObject({ type: "artifact", kind: "data" });
    expect(artifact.json.trace.children[0].id).toBe(ids.featuregen);
  });

  it("lists every run, model version and prediction downstream of a bad cleaning run", async () => {
    const res = await api.get(`/api/v1/lineage/impact?run=${ids.clean}&sample=3`);
    expect(res.status).toBe(200);
    expect(res.json.runs.count).toBe(4);
    expect(res.json.runs.items.map((r: { id: string }) => r.id)).toEqual([
      ids.featuregen,
      ids.split,
      ids.train,
      ids.inference,
    ]);
    expect(res.json.model_versions).toEqual([
      { model: "delay", version: "1", artifact: "models:/delay/1", run_id: ids.train },
    ]);
    expect(res.json.predictions.count).toBe(10);
    expect(res.json.predictions.by_version).toEqual([{ model: "delay", version: "1", count: 10 }]);
    expect(res.json.predictions.sample).toHaveLength(3);
    for (const s of res.json.predictions.sample) expect(s.id).toMatch(/^p-\d$/);
    const byArtifact = await api.get(
      `/api/v1/lineage/impact?artifact=${encodeURIComponent("s3://lake/train.parquet")}`,
    );
    expect(byArtifact.json.runs.items.map((r: { id: string }) => r.id)).toEqual([ids.train, ids.inference]);
    expect(byArtifact.json.predictions.count).toBe(10);
    const version0 = await api.get(
      `/api/v1/lineage/impact?artifact=${encodeURIComponent("models:/delay/0")}`,
    );
    expect(version0.json.predictions.count).toBe(4);
  });

  it("keeps component history, recent runs and components", async () => {
    const history = await api.get(
      `/api/v1/components/train/runs?from=${encodeURIComponent(iso(t0))}&to=${t0 + dayMs}`,
    );
    expect(history.status).toBe(200);
    expect(history.json.runs.map((r: { id: string }) => r.id)).toEqual([ids.train]);
    const all = await api.get("/api/v1/components/train/runs");
    expect(all.json.runs.map((r: { id: string }) => r.id)).toEqual([ids.train, ids.otherTrain]);
    const recent = await api.get("/api/v1/runs?limit=2");
    expect(recent.json.runs.map((r: { id: string }) => r.id)).toEqual([ids.inference, ids.train]);
    const byComponent = await api.get("/api/v1/runs?component=clean&status=success");
    expect(byComponent.json.runs).toHaveLength(1);
    expect(
      (await api.postJson("/api/v1/components", { name: "split", owner: "ml", tags: { team: "delay" } }))
        .status,
    ).toBe(201);
    const components = await api.get("/api/v1/components");
    const byName = Object.fromEntries(components.json.components.map((c: { name: string }) => [c.name, c]));
    expect(byName.clean).toMatchObject({ owner: "data-eng", runs: 1 });
    expect(byName.split).toMatchObject({ owner: "ml", tags: { team: "delay" }, runs: 1 });
    expect(byName.train.runs).toBe(2);
  });

  it("flags outputs and ranks the runs that feed the most flagged ones", async () => {
    for (const body of [
      { model: "delay", prediction: "p-1" },
      { model: "delay", prediction: "p-2" },
      { artifact: "s3://lake/test.parquet" },
    ]) {
      expect((await api.postJson("/api/v1/lineage/flags", body)).status).toBe(201);
    }
    expect((await api.postJson("/api/v1/lineage/flags", { model: "delay", prediction: "p-1" })).status).toBe(
      200,
    );
    const review = await api.get("/api/v1/lineage/review");
    expect(review.json.flagged).toHaveLength(3);
    const counts = Object.fromEntries(
      review.json.runs.map((r: { id: string; flagged_outputs: number }) => [r.id, r.flagged_outputs]),
    );
    expect(counts).toEqual({
      [String(ids.clean)]: 3,
      [String(ids.featuregen)]: 3,
      [String(ids.split)]: 3,
      [String(ids.train)]: 2,
      ...(withRunIds ? { [String(ids.inference)]: 2 } : {}),
    });
    const removed = await api.request(
      "DELETE",
      "/api/v1/lineage/flags",
      JSON.stringify({ model: "delay", prediction: "p-2" }),
      "application/json",
    );
    expect(removed.json).toEqual({ unflagged: "delay/p-2", removed: true });
    const after = await api.get("/api/v1/lineage/review?limit=1");
    expect(after.json.runs).toHaveLength(1);
    expect(after.json.runs[0].flagged_outputs).toBe(2);
  });

  it("updates a run re-posted with the same id", async () => {
    const started = await postRun({
      id: "run-repost",
      component: "backfill",
      start_time: t0 + hourMs,
      inputs: ["s3://lake/clean.parquet"],
    });
    expect(started.dependencies).toEqual([ids.clean]);
    expect((await api.get("/api/v1/runs/run-repost")).json).toMatchObject({
      status: "running",
      end_time: null,
    });
    await postRun({
      id: "run-repost",
      component: "backfill",
      start_time: t0 + hourMs,
      end_time: t0 + 3 * hourMs,
    });
    const run = (await api.get("/api/v1/runs/run-repost")).json;
    expect(run).toMatchObject({ status: "success", end_time: iso(t0 + 3 * hourMs) });
    expect(run.inputs.map((i: { name: string }) => i.name)).toEqual(["s3://lake/clean.parquet"]);
    expect(run.dependencies).toEqual([ids.clean]);
  });

  it("matches content hashes: a rewritten file with other content is another artifact", async () => {
    const a = await postRun({
      component: "export",
      start_time: t0 + 10 * dayMs,
      end_time: t0 + 10 * dayMs + 1,
      outputs: [{ name: "out/data.csv", hash: "aaa" }],
    });
    const b = await postRun({
      component: "export",
      start_time: t0 + 11 * dayMs,
      end_time: t0 + 11 * dayMs + 1,
      outputs: [{ name: "out/data.csv", hash: "bbb" }],
    });
    const byHash = await postRun({
      component: "consume",
      start_time: t0 + 12 * dayMs,
      inputs: [{ name: "out/data.csv", hash: "aaa" }],
    });
    expect(byHash.dependencies).toEqual([a.id]);
    const byName = await postRun({
      component: "consume",
      start_time: t0 + 12 * dayMs,
      inputs: ["out/data.csv"],
    });
    expect(byName.dependencies).toEqual([b.id]);
    const rewrite = await postRun({
      component: "dedupe",
      start_time: t0 + 13 * dayMs,
      inputs: [{ name: "out/data.csv", hash: "bbb" }],
      outputs: [{ name: "out/data.csv", hash: "ccc" }],
    });
    expect(rewrite.dependencies).toEqual([b.id]);
  });

  it("rejects bad input with the field named", async () => {
    const missing = await api.get("/api/v1/runs/no-such-run");
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("SL_NOT_FOUND");
    expect((await api.get("/api/v1/lineage/trace?run=no-such-run")).status).toBe(404);
    expect((await api.get("/api/v1/lineage/impact?run=no-such-run")).status).toBe(404);
    expect((await api.get("/api/v1/lineage/trace?model=delay&prediction=nope")).status).toBe(404);
    expect((await api.get("/api/v1/components/nope/runs")).status).toBe(404);
    const kind = await api.postJson("/api/v1/runs", {
      component: "c",
      start_time: t0,
      inputs: [{ name: "x.csv", kind: "table" }],
    });
    expect(kind.status).toBe(400);
    expect(kind.json.error).toMatchObject({
      code: "SL_INVALID_LINEAGE",
      details: { field: "inputs[0].kind" },
    });
    expect(kind.json.error.message).toContain("inputs[0].kind");
    const cycle = await api.postJson("/api/v1/runs", {
      component: "c",
      start_time: t0,
      inputs: ["a.csv"],
      outputs: ["b.csv", "a.csv"],
    });
    expect(cycle.status).toBe(400);
    expect(cycle.json.error.details.field).toBe("inputs[0]");
    const cases: [unknown, string][] = [
      [{ start_time: t0 }, "component"],
      [{ component: "c" }, "start_time"],
      [{ component: "c", start_time: "yesterday" }, "start_time"],
      [{ component: "c", start_time: t0, end_time: t0 - 1 }, "end_time"],
      [{ component: "c", start_time: t0, status: "done" }, "status"],
      [{ component: "c", start_time: t0, metrics: { auc: "high" } }, "metrics.auc"],
      [{ component: "c", start_time: t0, colour: 1 }, "colour"],
      [{ component: "a b", start_time: t0 }, "component"],
    ];
    for (const [body, field] of cases) {
      const res = await api.postJson("/api/v1/runs", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.details.field).toBe(field);
    }
    expect((await api.postJson("/api/v1/runs", "{ nope")).json.error.code).toBe("SL_MALFORMED_BODY");
    expect((await api.get("/api/v1/lineage/trace?prediction=p-1")).json.error.details.field).toBe("model");
    expect((await api.get("/api/v1/lineage/trace?run=a&artifact=b")).status).toBe(400);
    expect((await api.get("/api/v1/runs?limit=0")).json.error.details.field).toBe("limit");
    expect((await api.get("/api/v1/lineage/stale?stale_days=-1")).json.error.details.field).toBe(
      "stale_days",
    );
    expect((await api.postJson("/api/v1/lineage/flags", { artifact: "never-seen" })).status).toBe(404);
    expect((await api.postJson("/api/v1/lineage/flags", { model: "delay" })).json.error.details.field).toBe(
      "prediction",
    );
  });
});
