import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resolveServerConfig } from "../config.js";
import { type RunningServer, startServer } from "../server.js";
import { ApiClient } from "../test-support/api-client.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";
import { main } from "./main.js";

const dayMs = 86_400_000;
const t0 = Date.UTC(2024, 5, 1);

// Runs the CLI in-process and returns its exit code and what it printed.
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  const error = vi
    .spyOn(console, "error")
    .mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  try {
    const code = await main(["node", "sightline", ...args]);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("lineage CLI against a real server", () => {
  let dir: string;
  let server: RunningServer;
  let url: string[];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dir = await makeTempDir("sightline-lineage-cli-");
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    url = ["--url", server.url];
    const api = new ApiClient(server.url);
    const post = async (body: Record<string, unknown>) =>
      (await api.postJson("/api/v1/runs", body)).json.id as string;
    ids.clean = await post({
      component: "clean",
      start_time: t0 - 40 * dayMs,
      end_time: t0 - 40 * dayMs + 1000,
      inputs: ["raw.csv"],
      outputs: ["clean.csv"],
    });
    ids.train = await post({
      component: "train",
      start_time: t0,
      end_time: t0 + 1000,
      inputs: ["clean.csv"],
      outputs: ["models:/m/1"],
      git_commit: "abc",
    });
    await api.postJson("/api/v1/models/m/predictions", [
      { id: "p1", version: "1", timestamp: t0 + dayMs, features: { x: 1 }, prediction: 1 },
    ]);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  it("traces a prediction as a tree with stale warnings marked", async () => {
    const { code, out } = await cli(["trace", "p1", "--model", "m", ...url]);
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines[0]).toContain("prediction m/p1 (version 1");
    expect(out).toContain("└── models:/m/1 [model]");
    expect(out).toContain(`run train ${ids.train} success`);
    expect(out).toContain(`run clean ${ids.clean} success`);
    expect(out).toContain(`! STALE: clean (ID ${ids.clean}) was run 40 days ago.`);
  });

  it("answers JSON with --json and traces run ids and artifact names", async () => {
    const byRun = await cli(["trace", String(ids.train), "--json", ...url]);
    expect(JSON.parse(byRun.out).trace).toMatchObject({ type: "run", id: ids.train });
    const byArtifact = await cli(["trace", "clean.csv", "--json", ...url]);
    expect(JSON.parse(byArtifact.out).trace).toMatchObject({ type: "artifact", name: "clean.csv" });
    const recent = JSON.parse((await cli(["recent", "--json", "--limit", "1", ...url])).out);
    expect(recent.runs.map((r: { id: string }) => r.id)).toEqual([ids.train]);
    const history = await cli(["history", "clean", ...url]);
    expect(history.out.split("\n")[0]).toMatch(/^ID\s+COMPONENT\s+STATUS\s+START\s+END$/);
    expect(history.out).toContain(String(ids.clean));
    const inspect = await cli(["inspect", String(ids.train), ...url]);
    expect(inspect.out).toContain(`input  clean.csv [data] <- run ${ids.clean}`);
    expect(inspect.out).toContain("git commit: abc");
    const stale = await cli(["stale", ...url]);
    expect(stale.out).toContain(`run train ${ids.train}`);
    expect((await cli(["stale", "--stale-days", "60", ...url])).out).toBe(
      "no stale runs (threshold 60 days)",
    );
  });

  it("flags, reviews and unflags", async () => {
    expect((await cli(["flag", "p1", "--model", "m", ...url])).out).toBe("flagged: m/p1");
    expect((await cli(["flag", "clean.csv", ...url])).out).toBe("flagged: clean.csv");
    const review = JSON.parse((await cli(["review", "--json", ...url])).out);
    expect(
      review.runs.map((r: { id: string; flagged_outputs: number }) => [r.id, r.flagged_outputs]),
    ).toEqual([
      [ids.clean, 2],
      [ids.train, 1],
    ]);
    expect((await cli(["unflag", "clean.csv", ...url])).out).toBe("unflagged: clean.csv");
    expect((await cli(["unflag", "clean.csv", ...url])).out).toBe("was not flagged: clean.csv");
  });

  it("prints the server's message and exits 1 on errors", async () => {
    const missing = await cli(["inspect", "nope", ...url]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("SL_NOT_FOUND: no run nope (HTTP 404)");
    const unknown = await cli(["trace", "never-seen", ...url]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("no run read or wrote artifact never-seen");
    const down = await cli(["recent", "--url", "http://127.0.0.1:9"]);
    expect(down.code).toBe(1);
    expect(down.err).toContain("cannot reach the Sightline server at http://127.0.0.1:9");
    expect(down.err).toContain("is the server running at http://127.0.0.1:9?");
  });
});
