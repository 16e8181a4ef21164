import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../config.js";
import { type RunningServer, startServer } from "../server.js";
import { ApiClient } from "../test-support/api-client.js";
import { runCli } from "../test-support/run-cli.js";
import { mulberry32 } from "../test-support/seeded-random.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";

const hour = 3_600_000;
const t0 = Date.UTC(2024, 2, 1);
const model = "fraud";
const range = ["--from", new Date(t0).toISOString(), "--to", new Date(t0 + 4 * hour).toISOString()];

const cli = runCli;

function referenceCsv(rows: number): string {
  const next = mulberry32(3);
  const lines = ["x,prediction"];
  for (let i = 0; i < rows; i++) {
    const x = next() * 10;
    lines.push(`${x},${x > 5 ? 1 : 0}`);
  }
  return `${lines.join("\n")}\n`;
}

// Hours 0 and 1 fine, hour 2 all errors with x shifted up by 20; one row opens hour 3 to close hour 2.
function predictions(): unknown[] {
  const next = mulberry32(5);
  const rows: unknown[] = [];
  for (let h = 0; h < 3; h++) {
    for (let i = 0; i < 200; i++) {
      const x = next() * 10 + (h === 2 ? 20 : 0);
      const base = {
        id: `p-${h}-${i}`,
        version: "v1",
        timestamp: t0 + h * hour + i * 10_000,
        features: { x },
        latency_ms: 10 + (i % 7),
      };
      rows.push(h === 2 ? { ...base, error: "timeout" } : { ...base, prediction: x > 5 ? 1 : 0 });
    }
  }
  rows.push({ id: "close", version: "v1", timestamp: t0 + 3 * hour, features: { x: 1 }, prediction: 0 });
  return rows;
}

describe("engine CLI (alerts, monitors, windows, advice) against a real server", () => {
  let dir: string;
  let server: RunningServer;
  let api: ApiClient;
  let url: string[];

  beforeAll(async () => {
    dir = await makeTempDir("sightline-engine-cli-");
    const file = join(dir, "monitors.yaml");
    await writeFile(
      file,
      `monitors:\n  - { name: errors, model: ${model}, kind: error_rate, window: 1h, threshold: { above: 0.5 }, severity: critical }\n`,
    );
    server = await startServer(
      resolveServerConfig(
        { port: 0, dataDir: join(dir, "data"), logLevel: "silent", monitors: file },
        { SIGHTLINE_MONITOR_GRACE_SECONDS: "0", SIGHTLINE_MONITOR_INTERVAL_SECONDS: "3600" },
      ),
    );
    url = ["--url", server.url];
    api = new ApiClient(server.url);
    const reference = await api.request(
      "POST",
      `/api/v1/models/${model}/versions/v1/reference`,
      referenceCsv(1000),
      "text/csv",
    );
    expect(reference.status).toBe(201);
    expect((await api.postJson(`/api/v1/models/${model}/predictions`, predictions())).status).toBe(200);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  it("evaluates monitors, lists, acknowledges and silences alerts", async () => {
    expect((await cli(["monitors", "evaluate", ...url])).out).toBe("monitors evaluated");
    await server.services.monitors.drain();
    const listed = await cli(["alerts", "list", "--model", model, "--state", "firing", "--json", ...url]);
    expect(listed.code).toBe(0);
    const alerts = JSON.parse(listed.out).alerts as { id: string; monitor: string; state: string }[];
    expect(alerts).toEqual((await api.get(`/api/v1/alerts?model=${model}&state=firing`)).json.alerts);
    expect(alerts).toHaveLength(1);
    const id = alerts[0]?.id ?? "";
    const table = await cli(["alerts", "list", ...url]);
    expect(table.out.split("\n")[0]).toMatch(/^ID\s+STATE\s+SEVERITY\s+MODEL\s+MONITOR/);
    expect(table.out).toContain(id);
    expect(table.out).toContain("2024-03-01 02:00Z");
    const ack = await cli(["alerts", "ack", id, "--by", "alice", ...url]);
    expect(ack).toMatchObject({ code: 0, out: `acknowledged ${id} (errors, firing) by alice` });
    expect((await api.get(`/api/v1/alerts/${id}`)).json.alert.acknowledged_by).toBe("alice");
    const silenced = await cli([
      "alerts",
      "silence",
      "--model",
      model,
      "--monitor",
      "errors",
      "--for",
      "90m",
      ...url,
    ]);
    expect(silenced.code).toBe(0);
    expect(silenced.out).toMatch(
      /^silenced model=fraud monitor=errors until \d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?Z \(id /,
    );
    const silences = (await api.get("/api/v1/silences")).json.silences;
    expect(silences).toHaveLength(1);
    const span = Date.parse(silences[0].until) - Date.parse(silences[0].created_at);
    expect(Math.abs(span - 90 * 60_000)).toBeLessThan(60_000);
  });

  it("exits 1 with the server's code and message, or naming the bad flag", async () => {
    const missing = await cli(["alerts", "ack", "no-such-alert", ...url]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("SL_NOT_FOUND: no alert no-such-alert (HTTP 404)");
    const badFor = await cli(["alerts", "silence", "--model", model, "--for", "soon", ...url]);
    expect(badFor.code).toBe(1);
    expect(badFor.err).toContain("--for must be a positive duration");
    const badWindow = await cli(["windows", "drift", "--model", model, "--window", "2x", ...url]);
    expect(badWindow.code).toBe(1);
    expect(badWindow.err).toContain("--window must be a positive duration like 15m, 1h, 1d or 1w; got '2x'");
    const badFrom = await cli(["windows", "outputs", "--model", model, "--from", "yesterday", ...url]);
    expect(badFrom.code).toBe(1);
    expect(badFrom.err).toContain("--from must be epoch milliseconds");
    const badSegment = await cli(["windows", "quality", "--model", model, "--segment", "eu", ...url]);
    expect(badSegment.code).toBe(1);
    expect(badSegment.err).toContain("--segment must be tag:value");
    // Nested subcommands throw instead of calling process.exit (which vitest would report as an error).
    const badState = await cli(["alerts", "list", "--state", "bogus", ...url]);
    expect(badState.code).toBe(1);
    expect(badState.err).toContain("argument 'bogus' is invalid");
    const noModel = await cli(["windows", "drift", ...url]);
    expect(noModel.code).toBe(1);
    expect(noModel.err).toContain("required option '--model <model>' not specified");
    const down = await cli(["monitors", "list", "--url", "http://127.0.0.1:9"]);
    expect(down.code).toBe(1);
    expect(down.err).toContain("is the server running at http://127.0.0.1:9?");
  });

  it("prints the window answers as the API gives them, and as tables", async () => {
    const query = `from=${encodeURIComponent(range[1] ?? "")}&to=${encodeURIComponent(range[3] ?? "")}&window=1h`;
    for (const view of ["drift", "quality", "outputs", "performance"]) {
      const json = await cli([
        "windows",
        view,
        "--model",
        model,
        ...range,
        "--window",
        "1h",
        "--json",
        ...url,
      ]);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.out)).toEqual((await api.get(`/api/v1/models/${model}/${view}?${query}`)).json);
    }
    const drift = await cli(["windows", "drift", "--model", model, ...range, "--window", "1h", ...url]);
    const lines = drift.out.split("\n");
    expect(lines[1]).toMatch(/^FEATURE\s+METHOD\s+2024-03-01 00:00Z\s+2024-03-01 01:00Z\s+2024-03-01 02:00Z/);
    const x = lines.find((l) => l.startsWith("x "))?.split(/\s{2,}/) ?? [];
    expect(x[2]?.endsWith("*")).toBe(false);
    expect(x[4]?.endsWith("*")).toBe(true);
    const outputs = await cli(["windows", "outputs", "--model", model, ...range, "--window", "1h", ...url]);
    expect(outputs.out).toMatch(/2024-03-01 02:00Z\s+200\s+200\s+100\.0%/);
  });

  it("gives retraining advice", async () => {
    const answer = (await api.get(`/api/v1/models/${model}/advice`)).json;
    const json = await cli(["advice", "--model", model, "--json", ...url]);
    expect(JSON.parse(json.out)).toEqual(answer);
    const text = await cli(["advice", "--model", model, ...url]);
    expect(text.out.split("\n")[0]).toBe(`${model}: ${String(answer.verdict).toUpperCase()}`);
    const badWindow = await cli(["advice", "--model", model, "--window", "day", ...url]);
    expect(badWindow.code).toBe(1);
    expect(badWindow.err).toContain("--window must be a positive duration");
  });

  it("applies a monitors file after validating it locally", async () => {
    const good = join(dir, "apply.yaml");
    await writeFile(
      good,
      [
        "monitors:",
        `  - { name: slow, model: ${model}, kind: latency, metric: p99_ms, window: 1h, threshold: { above: 250 }, for: 2h }`,
        "  - { name: errors, enabled: false }",
        "",
      ].join("\n"),
    );
    const applied = await cli(["monitors", "apply", good, ...url]);
    expect(applied.code).toBe(0);
    expect(applied.out.split("\n")[0]).toBe(`applied 2 monitor(s) from ${good}`);
    const list = (await api.get(`/api/v1/monitors?model=${model}`)).json.monitors as Record<
      string,
      unknown
    >[];
    expect(list.find((m) => m.name === "slow")).toMatchObject({
      source: "api",
      for_ms: 2 * hour,
      metric: "p99_ms",
    });
    expect(list.find((m) => m.name === "errors")).toMatchObject({
      source: "api",
      enabled: false,
      window: "1h",
    });
    const table = await cli(["monitors", "list", "--model", model, ...url]);
    expect(table.out).toMatch(
      /slow\s+fraud\s+latency\s+\*\s+p99_ms\s+1h\s+> 250\s+2h\s+0\s+warning\s+yes\s+api/,
    );
    expect(table.out).toMatch(
      /errors\s+fraud\s+error_rate\s+\*\s+-\s+1h\s+> 0\.5\s+0\s+0\s+critical\s+no\s+api/,
    );
    // No labels yet: the default performance monitor waits the 3-day default and says why.
    expect(table.out).toMatch(/fraud\.performance\s+.*\s0\s+3d \(default, 0 labels\)\s+critical/);
    const bad = join(dir, "bad.yaml");
    await writeFile(bad, `monitors:\n  - { name: w, model: ${model}, kind: latency, window: soon }\n`);
    const rejected = await cli(["monitors", "apply", bad, ...url]);
    expect(rejected.code).toBe(1);
    expect(rejected.err).toContain(`${bad}: monitors[0].window`);
    expect((await api.get("/api/v1/monitors/w")).status).toBe(404);
  });
});
