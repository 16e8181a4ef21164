import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../../config.js";
import type { Alert, AlertState } from "../../engine/alerts/alert.js";
import type { Severity } from "../../engine/monitors/monitor.js";
import { type RunningServer, startServer } from "../../server.js";
import { ApiClient } from "../../test-support/api-client.js";
import { mulberry32 } from "../../test-support/seeded-random.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";
import type { AlertJson } from "./alert-json.js";

const hour = 3_600_000;
const t0 = Date.UTC(2024, 2, 1);

// Monitors with their labels; "legacy" labels `version` itself, which shows only on alerts without a version.
const monitors = [
  { model: "fraud", monitor: "fraud.drift", kind: "drift", labels: { team: "ml" } },
  { model: "fraud", monitor: "fraud.errors", kind: "error_rate", labels: { team: "risk", tier: "gold" } },
  { model: "churn", monitor: "churn.drift", kind: "drift", labels: { team: "ml", tier: "gold" } },
  { model: "churn", monitor: "churn.legacy", kind: "latency", labels: { version: "legacy" } },
] as const;

// 120 alerts over 40 hours, in an order where the newest ones rarely carry the rarer labels.
function seededAlerts(): Alert[] {
  const next = mulberry32(11);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return Array.from({ length: 120 }, (_, i) => {
    const m = i < 100 ? pick(monitors.slice(0, 3)) : pick(monitors);
    const state: AlertState = pick(["pending", "firing", "resolved"]);
    // Three alerts start in each hour, so pages also split between alerts of the same start.
    const startsMs = t0 + Math.floor((120 - i) / 3) * hour;
    return {
      id: `alert-${String(i).padStart(3, "0")}`,
      fingerprint: `f-${i}`,
      monitor: m.monitor,
      model: m.model,
      kind: m.kind,
      subject: pick(["amount", "hour", "*"]),
      version: pick([null, "v1", "v2"]),
      segment: pick([null, "region:eu"]),
      severity: (i >= 100 && next() < 0.5 ? "critical" : "warning") as Severity,
      labels: { ...m.labels },
      notify: [],
      state,
      startsMs,
      firedMs: state === "pending" ? null : startsMs + hour,
      resolvedMs: state === "resolved" ? startsMs + 2 * hour : null,
      lastWindowToMs: startsMs + 2 * hour,
      evidence: {
        metric: "psi",
        value: 0.3,
        threshold: 0.2,
        rule: { calibrated: true },
        window: { fromMs: startsMs, toMs: startsMs + hour },
        rows: 100,
        check: {},
        link: "",
      },
      acknowledgedMs: null,
      acknowledgedBy: null,
    } satisfies Alert;
  });
}

describe("GET /api/v1/alerts filters on the server, before the limit", () => {
  let dir: string;
  let server: RunningServer;
  let api: ApiClient;
  let all: AlertJson[];

  beforeAll(async () => {
    dir = await makeTempDir("sightline-it-alert-filters-");
    server = await startServer(
      resolveServerConfig({ port: 0, dataDir: join(dir, "data"), logLevel: "silent" }, {}),
    );
    await server.services.store.alerts.saveEvaluation(seededAlerts(), []);
    api = new ApiClient(server.url);
    const answer = await api.get("/api/v1/alerts?limit=10000");
    expect(answer.status).toBe(200);
    all = answer.json.alerts;
    expect(all).toHaveLength(120);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  // The reference: the unfiltered listing narrowed by the labels the API itself reports on each alert.
  function expected(labels: string[], other: { state?: string; model?: string; monitor?: string } = {}) {
    return all.filter(
      (a) =>
        labels.every((text) => {
          const at = text.indexOf("=");
          return a.labels[text.slice(0, at)] === text.slice(at + 1);
        }) &&
        (other.state === undefined || a.state === other.state) &&
        (other.model === undefined || a.model === other.model) &&
        (other.monitor === undefined || a.monitor === other.monitor),
    );
  }

  function query(labels: string[], other: Record<string, string> = {}): string {
    const search = new URLSearchParams(other);
    for (const label of labels) search.append("label", label);
    return `/api/v1/alerts?${search.toString()}`;
  }

  it("keeps the alerts whose labels hold every label=key=value, as their listed labels say", async () => {
    const cases: [string[], Record<string, string>][] = [
      [["team=ml"], {}],
      [["team=ml", "tier=gold"], {}],
      [["severity=critical"], {}],
      [["severity=critical", "team=ml"], { state: "firing" }],
      [["version=legacy"], {}],
      [["version=v1", "segment=region:eu"], { model: "fraud" }],
      [["kind=drift", "subject=amount"], { monitor: "churn.drift" }],
      [["model=fraud", "monitor=fraud.errors"], {}],
      [["team=nobody"], {}],
      [["team=ml", "team=risk"], {}],
      [[], { monitor: "fraud.errors", state: "resolved" }],
    ];
    for (const [labels, other] of cases) {
      const answer = await api.get(query(labels, { ...other, limit: "10000" }));
      expect(answer.status).toBe(200);
      const ids = (answer.json.alerts as AlertJson[]).map((a) => a.id);
      expect({ labels, other, ids }).toEqual({
        labels,
        other,
        ids: expected(labels, other).map((a) => a.id),
      });
    }
    // The cases are not vacuous: some filters keep a few, some none.
    expect(expected(["version=legacy"]).length).toBeGreaterThan(0);
    expect(expected(["severity=critical", "team=ml"], { state: "firing" }).length).toBeLessThan(
      expected(["severity=critical"]).length,
    );
  });

  it("applies the limit after the filter: the newest matching alerts, however old", async () => {
    const critical = expected(["severity=critical"]);
    // Every critical alert is older than the 100 newest alerts, so a filter after the limit would find none.
    expect(all.slice(0, 100).some((a) => a.severity === "critical")).toBe(false);
    const answer = await api.get(query(["severity=critical"], { limit: "3" }));
    expect((answer.json.alerts as AlertJson[]).map((a) => a.id)).toEqual(
      critical.slice(0, 3).map((a) => a.id),
    );
  });

  it("pages through the matching alerts with next_before: every one once, in order, then null", async () => {
    for (const [labels, other] of [
      [["team=ml"], {}],
      [["tier=gold"], { state: "resolved" }],
      [[], {}],
    ] as [string[], Record<string, string>][]) {
      const seen: string[] = [];
      let before: string | null = null;
      let pages = 0;
      do {
        const page = await api.get(
          query(labels, { ...other, limit: "7", ...(before === null ? {} : { before }) }),
        );
        expect(page.status).toBe(200);
        const ids = (page.json.alerts as AlertJson[]).map((a) => a.id);
        expect(ids.length).toBeLessThanOrEqual(7);
        seen.push(...ids);
        before = page.json.next_before;
        if (before !== null) expect(before).toBe(ids.at(-1));
        pages++;
      } while (before !== null && pages < 50);
      const want = expected(labels, other).map((a) => a.id);
      expect(seen).toEqual(want);
      expect(pages).toBe(Math.max(1, Math.ceil(want.length / 7)));
    }
    const unknown = await api.get("/api/v1/alerts?before=no-such-alert");
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatchObject({ code: "SL_INVALID_QUERY", details: { field: "before" } });
  });

  it("answers 400 naming the parameter for a malformed label or a repeated single-valued one", async () => {
    for (const bad of ["severity", "=critical", "team=", "team name=x"]) {
      const answer = await api.get(query(["team=ml", bad]));
      expect(answer.status).toBe(400);
      expect(answer.json.error).toMatchObject({ code: "SL_INVALID_QUERY", details: { field: "label" } });
      expect(answer.json.error.message).toMatch(/^label /);
    }
    const twice = await api.get("/api/v1/alerts?monitor=a&monitor=b");
    expect(twice.status).toBe(400);
    expect(twice.json.error).toMatchObject({ code: "SL_INVALID_QUERY", details: { field: "monitor" } });
    const state = await api.get("/api/v1/alerts?state=open");
    expect(state.json.error).toMatchObject({ code: "SL_INVALID_QUERY", details: { field: "state" } });
  });
});
