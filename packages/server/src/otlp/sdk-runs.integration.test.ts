import { execFileSync } from "node:child_process";
import { modelArtifact, Sightline } from "@sightline/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../config.js";
import { type RunningServer, startServer } from "../server.js";
import { ApiClient } from "../test-support/api-client.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";

// The SDK's lineage calls against the real lineage API (the SDK package cannot depend on the server, so
// this contract test lives here, beside the other test that drives the server through the SDK).
describe("@sightline/sdk components and runs against the server", () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = await makeTempDir();
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  it("stores runs, resolves their dependencies and keeps a serving run's final state", async () => {
    const errors: Error[] = [];
    const sl = new Sightline({ url: server.url, onError: (e) => errors.push(e) });
    const api = new ApiClient(server.url);
    try {
      const clean = sl.component("clean", {
        owner: "data-eng",
        description: "drops bad rows",
        tags: { team: "de" },
      });
      const train = sl.component("train");
      const cleanFn = () => undefined;
      await clean.run({ inputs: ["raw.csv"], outputs: ["clean.csv"], params: { minRows: 10 } }, cleanFn);
      let trainId = "";
      await expect(
        train.run({ inputs: ["clean.csv"] }, (ctx) => {
          trainId = ctx.runId;
          ctx.output({ name: modelArtifact("delay", "1"), kind: "model" });
          ctx.metric("auc", 0.8);
          throw new Error("diverged");
        }),
      ).rejects.toThrow("diverged");
      const serving = sl.component("inference").start({ inputs: [modelArtifact("delay", "1")] });
      serving.end({ outputs: ["endpoint:/predict"] });
      await sl.flush();
      expect(errors.map((e) => e.message)).toEqual([]);

      const trained = (await api.get(`/api/v1/runs/${trainId}`)).json;
      const cleanRunId = trained.inputs[0].producer;
      expect(trained).toMatchObject({
        component: "train",
        status: "failed",
        error: "Error: diverged",
        outputs: [{ name: "models:/delay/1", kind: "model" }],
        metrics: { auc: 0.8 },
        dependencies: [cleanRunId],
        git_commit: execFileSync("git", ["rev-parse", "HEAD"]).toString().trim(),
      });
      const cleaned = (await api.get(`/api/v1/runs/${cleanRunId}`)).json;
      expect(cleaned).toMatchObject({
        component: "clean",
        status: "success",
        code_snapshot: cleanFn.toString(),
      });
      const served = (await api.get(`/api/v1/runs/${serving.id}`)).json;
      expect(served).toMatchObject({ status: "success", dependencies: [trainId] });
      expect(served.end_time).not.toBeNull();
      const components = (await api.get("/api/v1/components")).json.components;
      expect(components.find((c: { name: string }) => c.name === "clean")).toMatchObject({
        owner: "data-eng",
        description: "drops bad rows",
        tags: { team: "de" },
      });
    } finally {
      await sl.close();
    }
  });
});
