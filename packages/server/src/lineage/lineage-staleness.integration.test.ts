import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../config.js";
import { type RunningServer, startServer } from "../server.js";
import { ApiClient } from "../test-support/api-client.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";
import { lineageCheckProvider } from "./lineage-check-provider.js";

const hourMs = 3_600_000;
const dayMs = 86_400_000;
const t0 = Date.UTC(2024, 0, 1);

describe("lineage staleness through a real server", () => {
  let dir: string;
  let server: RunningServer;
  let api: ApiClient;

  const postRun = async (body: Record<string, unknown>) => {
    const res = await api.postJson("/api/v1/runs", body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json as { id: string; dependencies: string[]; stale: string[] };
  };

  beforeAll(async () => {
    dir = await makeTempDir("sightline-lineage-stale-");
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    api = new ApiClient(server.url);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  it("warns about stale runs as mltrace: a dependency run long ago, and fresher runs of a dependency", async () => {
    const base = t0 + 100 * dayMs;
    const oldRun = await postRun({
      component: "etl",
      start_time: base - 45 * dayMs,
      end_time: base - 45 * dayMs + hourMs,
      outputs: ["warehouse.daily_flights"],
    });
    const report = await postRun({
      component: "report",
      start_time: base,
      end_time: base + hourMs,
      inputs: ["warehouse.daily_flights"],
    });
    const days = Math.floor((base - (base - 45 * dayMs)) / dayMs);
    expect(report.stale).toEqual([`etl (ID ${oldRun.id}) was run ${days} days ago.`]);
    const relaxed = await api.get(`/api/v1/runs/${report.id}?stale_days=60`);
    expect(relaxed.json.stale).toEqual([]);

    const g1 = await postRun({
      component: "ingest",
      start_time: base,
      end_time: base + 1000,
      outputs: ["s3://in/a.csv"],
    });
    await postRun({
      component: "ingest",
      start_time: base + hourMs,
      end_time: base + hourMs + 1000,
      outputs: ["s3://in/b.csv"],
    });
    const consumer = await postRun({
      component: "score",
      start_time: base + 2 * hourMs,
      inputs: ["s3://in/a.csv"],
    });
    expect(consumer.dependencies).toEqual([g1.id]);
    expect(consumer.stale).toEqual([
      `ingest (ID ${g1.id}) has 1 fresher run(s) that began before this component run started.`,
    ]);

    const stale = await api.get("/api/v1/lineage/stale");
    const flagged = Object.fromEntries(
      stale.json.runs.map((r: { component: string; warnings: { reason: string }[] }) => [
        r.component,
        r.warnings.map((w) => w.reason),
      ]),
    );
    expect(flagged).toMatchObject({ report: ["old_dependency"], score: ["fresher_runs"] });
    expect((await api.get("/api/v1/lineage/stale?stale_days=60&component=report")).json.runs).toEqual([]);
    const train = await postRun({
      component: "train",
      start_time: base + 3 * hourMs,
      inputs: ["warehouse.daily_flights"],
      outputs: ["models:/stale-model/1"],
    });
    const provider = lineageCheckProvider(server.services.lineage);
    const window = { fromMs: base, toMs: base + dayMs };
    const [check] = await provider.checks({ model: "stale-model", window, nowMs: base + dayMs });
    expect(check).toMatchObject({
      kind: "staleness",
      subject: "lineage",
      version: "1",
      value: 1,
      breached: true,
    });
    expect(check?.evidence).toMatchObject({ training_run: train.id, warnings: train.stale });
    await postRun({ component: "train", start_time: base + 3 * hourMs, outputs: ["models:/fresh-model/1"] });
    const fresh = await provider.checks({ model: "fresh-model", window, nowMs: base + dayMs });
    expect(fresh.map((c) => [c.version, c.value, c.breached])).toEqual([["1", 0, false]]);
    expect(
      await provider.checks({ model: "stale-model", window, nowMs: 0, segment: { tag: "a", value: "b" } }),
    ).toEqual([]);
    const trace = await api.get(`/api/v1/lineage/trace?run=${report.id}`);
    expect(trace.json.trace.stale).toEqual(report.stale);
    expect(trace.json.stale).toEqual(report.stale);
  });
});
