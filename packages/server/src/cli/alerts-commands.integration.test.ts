import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../config.js";
import { type RunningServer, startServer } from "../server.js";
import { ApiClient } from "../test-support/api-client.js";
import { runCli } from "../test-support/run-cli.js";
import { runSightline } from "../test-support/run-sightline.js";
import { type ServerProcess, startServerProcess } from "../test-support/server-process.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";

const hour = 3_600_000;
const t0 = Date.UTC(2024, 2, 1);
const model = "fraud";

// Hours 1 and 3 all errors, the others fine; one row opens hour 5 to close hour 4: two spells of the
// error-rate monitor, the first resolved, the second resolved too only after hour 4, so it still fires.
function predictions(): unknown[] {
  const rows: unknown[] = [];
  for (let h = 0; h < 4; h++) {
    for (let i = 0; i < 20; i++) {
      const base = {
        id: `p-${h}-${i}`,
        version: "v1",
        timestamp: t0 + h * hour + i * 60_000,
        features: { x: i },
      };
      rows.push(h === 1 || h === 3 ? { ...base, error: "timeout" } : { ...base, prediction: i % 2 });
    }
  }
  rows.push({ id: "close", version: "v1", timestamp: t0 + 4 * hour, features: { x: 1 }, prediction: 0 });
  return rows;
}

describe("alerts show|silences|unsilence and monitors show against a real server", () => {
  let dir: string;
  let server: RunningServer;
  let api: ApiClient;
  let url: string[];

  beforeAll(async () => {
    dir = await makeTempDir("sightline-alerts-cli-");
    const file = join(dir, "monitors.yaml");
    await writeFile(
      file,
      `monitors:\n  - { name: errors, model: ${model}, kind: error_rate, window: 1h, threshold: { above: 0.5 }, severity: critical, labels: { team: risk } }\n`,
    );
    server = await startServer(
      resolveServerConfig(
        { port: 0, dataDir: join(dir, "data"), logLevel: "silent", monitors: file },
        { SIGHTLINE_MONITOR_GRACE_SECONDS: "0", SIGHTLINE_MONITOR_INTERVAL_SECONDS: "3600" },
      ),
    );
    url = ["--url", server.url];
    api = new ApiClient(server.url);
    expect((await api.postJson(`/api/v1/models/${model}/predictions`, predictions())).status).toBe(200);
    expect((await runCli(["monitors", "evaluate", ...url])).code).toBe(0);
    await server.services.monitors.drain();
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  it("lists alerts filtered by label and monitor on the server, paging with --before", async () => {
    const answer = (await api.get("/api/v1/alerts?label=team=risk&label=severity=critical")).json;
    expect(answer.alerts).toHaveLength(2);
    const listed = await runCli([
      "alerts",
      "list",
      "--label",
      "team=risk",
      "--label",
      "severity=critical",
      "--json",
      ...url,
    ]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toEqual(answer);
    const none = await runCli(["alerts", "list", "--label", "team=nobody", "--monitor", "errors", ...url]);
    expect(none.out).toBe("no alerts");
    const first = await runCli(["alerts", "list", "--monitor", "errors", "--limit", "1", ...url]);
    const [newest, older] = answer.alerts as { id: string }[];
    expect(first.out).toContain(newest?.id);
    expect(first.out.split("\n").at(-1)).toBe(`more alerts: add --before ${newest?.id}`);
    const second = await runCli([
      "alerts",
      "list",
      "--monitor",
      "errors",
      "--limit",
      "1",
      "--before",
      newest?.id ?? "",
      "--json",
      ...url,
    ]);
    expect(JSON.parse(second.out)).toMatchObject({ alerts: [{ id: older?.id }], next_before: null });
    // A malformed label is named before any request: nothing listens at this URL.
    const bad = await runCli(["alerts", "list", "--label", "team", "--url", "http://127.0.0.1:9"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("sightline: --label must be key=value");
  });

  it("shows one alert with its state, times, monitor, evidence and history", async () => {
    const [firing] = (await api.get("/api/v1/alerts?state=firing&monitor=errors")).json.alerts;
    const detail = (await api.get(`/api/v1/alerts/${firing.id}`)).json;
    const json = await runCli(["alerts", "show", firing.id, "--json", ...url]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual(detail);
    const text = await runCli(["alerts", "show", firing.id, ...url]);
    expect(text.code).toBe(0);
    const lines = text.out.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^alert:\\s+${firing.id}$`));
    expect(lines).toContain("evidence:");
    expect(text.out).toMatch(/^state:\s+firing$/m);
    expect(text.out).toMatch(/^monitor:\s+errors \(error_rate\)$/m);
    expect(text.out).toMatch(/^labels:\s+.*team=risk/m);
    expect(text.out).toMatch(/^starts:\s+2024-03-01 03:00Z$/m);
    expect(text.out).toMatch(/^resolved:\s+-$/m);
    const e = detail.alert.evidence;
    expect(text.out).toContain(`  ${e.metric} = ${e.value}, threshold ${e.threshold} (rule: > 0.5)`);
    expect(text.out).toContain("  window 2024-03-01 03:00Z to 2024-03-01 04:00Z, 20 rows");
    for (const key of Object.keys(e.check)) expect(text.out).toMatch(new RegExp(`^    ${key}:`, "m"));
    expect(text.out).toContain(`  view: ${e.link}`);
    for (const h of detail.history) expect(text.out).toContain(` ${h.type}`);
    expect(text.out).toMatch(/^history:\n {2}2024-03-01 04:00Z {2}firing$/m);
    const missing = await runCli(["alerts", "show", "no-such-alert", ...url]);
    expect(missing).toMatchObject({ code: 1, out: "" });
    expect(missing.err).toContain("sightline: SL_NOT_FOUND: no alert no-such-alert (HTTP 404)");
  });

  it("lists silences with their ids and ends one by id", async () => {
    const made = await runCli([
      "alerts",
      "silence",
      "--model",
      model,
      "--monitor",
      "errors",
      "--comment",
      "deploy",
      "--json",
      ...url,
    ]);
    const id = JSON.parse(made.out).silence.id as string;
    const listed = await runCli(["alerts", "silences", "--json", ...url]);
    expect(JSON.parse(listed.out)).toEqual((await api.get("/api/v1/silences")).json);
    const table = await runCli(["alerts", "silences", ...url]);
    expect(table.out.split("\n")[0]).toMatch(/^ID\s+MATCHERS\s+STARTS\s+UNTIL\s+BY\s+COMMENT$/);
    expect(table.out).toMatch(new RegExp(`${id}\\s+model=fraud monitor=errors\\s+.*\\s+cli\\s+deploy`));
    const shown = await runCli([
      "alerts",
      "show",
      (await api.get("/api/v1/alerts?state=firing")).json.alerts[0].id,
      ...url,
    ]);
    expect(shown.out).toMatch(new RegExp(`^silenced:\\s+yes \\(silence ${id}\\)$`, "m"));
    const ended = await runCli(["alerts", "unsilence", id, ...url]);
    expect(ended).toMatchObject({ code: 0, out: `ended silence ${id}` });
    expect((await api.get("/api/v1/silences")).json.silences).toEqual([]);
    expect((await runCli(["alerts", "silences", ...url])).out).toBe("no silences");
    const expired = JSON.parse((await runCli(["alerts", "silences", "--expired", "--json", ...url])).out);
    expect(expired).toEqual((await api.get("/api/v1/silences?expired=true")).json);
    const again = await runCli(["alerts", "unsilence", id, ...url]);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`SL_NOT_FOUND: no active silence ${id} (HTTP 404)`);
  });

  it("shows one monitor with its rule and its newest alerts", async () => {
    const monitor = (await api.get("/api/v1/monitors/errors")).json.monitor;
    const alerts = (await api.get("/api/v1/alerts?monitor=errors&limit=10")).json.alerts;
    const json = await runCli(["monitors", "show", "errors", "--json", ...url]);
    expect(JSON.parse(json.out)).toEqual({ monitor, alerts });
    const text = await runCli(["monitors", "show", "errors", ...url]);
    expect(text.out).toMatch(/^monitor:\s+errors$/m);
    expect(text.out).toMatch(/^kind:\s+error_rate$/m);
    expect(text.out).toMatch(/^threshold:\s+> 0\.5$/m);
    expect(text.out).toMatch(/^labels:\s+team=risk$/m);
    expect(text.out).toMatch(/^source:\s+file$/m);
    expect(text.out).toContain("newest alerts:\nID");
    for (const a of alerts) expect(text.out).toContain(a.id);
    const bare = await runCli(["monitors", "show", "errors", "--alerts", "0", ...url]);
    expect(bare.out).not.toContain("newest alerts");
    const missing = await runCli(["monitors", "show", "nope", ...url]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("SL_NOT_FOUND: no monitor nope (HTTP 404)");
    const badCount = await runCli(["monitors", "show", "errors", "--alerts", "some", ...url]);
    expect(badCount.code).toBe(1);
    expect(badCount.err).toContain("--alerts must be an integer");
  });

  it("has --help on each new command", async () => {
    for (const path of [
      ["alerts", "show"],
      ["alerts", "silences"],
      ["alerts", "unsilence"],
      ["monitors", "show"],
    ]) {
      const help = await runCli([...path, "--help"]);
      expect({ path, code: help.code }).toEqual({ path, code: 0 });
      expect(help.out).toContain(`Usage: sightline ${path.join(" ")}`);
    }
  });
});

describe("alerts and monitors commands as processes against a `sightline serve` process", () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("exits 1 with the server's message for an unknown alert, silence or monitor", async () => {
    for (const [args, message] of [
      [["alerts", "show", "nope"], "no alert nope"],
      [["alerts", "unsilence", "nope"], "no active silence nope"],
      [["monitors", "show", "nope"], "no monitor nope"],
    ] as const) {
      const run = await runSightline([...args, "--url", server.url]);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 1, stdout: "" });
      expect(run.stderr).toContain(`sightline: SL_NOT_FOUND: ${message} (HTTP 404)`);
    }
    const listed = await runSightline(["alerts", "silences", "--url", server.url]);
    expect({ code: listed.code, stdout: listed.stdout }).toEqual({ code: 0, stdout: "no silences\n" });
  });
});
