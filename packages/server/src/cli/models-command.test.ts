import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resolveServerConfig } from "../config.js";
import { type RunningServer, startServer } from "../server.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";
import { main } from "./main.js";

describe("sightline models against a running server", () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-models-cli-");
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  /** Runs `sightline models ...` in-process; resolves to its exit code and what it printed. */
  async function models(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...p: unknown[]) => void out.push(p.join(" ")));
    const error = vi
      .spyOn(console, "error")
      .mockImplementation((...p: unknown[]) => void err.push(p.join(" ")));
    try {
      const code = await main(["node", "sightline", "models", ...args, "--url", server.url]);
      return { code, out: out.join("\n"), err: err.join("\n") };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  it("registers, promotes, shows, lists and rolls back", async () => {
    expect((await models("register", "fraud", "v1", "--run", "train-1")).code).toBe(0);
    const v2 = await models("register", "fraud", "v2", "--json");
    expect(JSON.parse(v2.out)).toMatchObject({
      version: "v2",
      registered: true,
      artifact_uri: "models:/fraud/v2",
    });
    expect((await models("promote", "fraud", "v1")).out).toBe("fraud production: (unset) -> v1");
    expect((await models("promote", "fraud", "v2", "--alias", "production")).out).toBe(
      "fraud production: v1 -> v2",
    );
    const show = await models("show", "fraud");
    expect(show.out).toMatch(/aliases: +production=v2/);
    expect(show.out).toMatch(/^v1 +yes +- .* train-1 +no +0$/m);
    const list = JSON.parse((await models("list", "--json")).out);
    expect(list.models).toEqual([expect.objectContaining({ model: "fraud", aliases: { production: "v2" } })]);
    expect((await models("list")).out.split("\n")[1]).toMatch(/^fraud +yes +production=v2/);
    expect((await models("rollback", "fraud")).out).toBe("fraud production: v2 -> v1 (rolled back)");
  });

  it("compares two versions and prints the verdict", async () => {
    await models("register", "fraud", "v3");
    const result = await models("compare", "fraud", "--baseline", "v1", "--candidate", "v3");
    expect(result.code).toBe(0);
    expect(result.out.split("\n")[0]).toBe("verdict: insufficient_data");
    const json = JSON.parse(
      (await models("compare", "fraud", "--baseline", "v1", "--candidate", "v3", "--json")).out,
    );
    expect(json).toMatchObject({ verdict: "insufficient_data", baseline: { version: "v1", predictions: 0 } });
  });

  it("prints the server's reason and exits 1 on errors", async () => {
    const rollback = await models("rollback", "fraud", "--alias", "canary");
    expect(rollback.code).toBe(1);
    expect(rollback.err).toMatch(
      /nothing to roll back: alias canary of fraud was never promoted \(HTTP 409\)/,
    );
    const unknown = await models("promote", "fraud", "v9");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/version v9 of fraud is not registered/);
    const missing = await models("compare", "fraud", "--baseline", "v1");
    expect(missing.code).not.toBe(0);
  });
});
