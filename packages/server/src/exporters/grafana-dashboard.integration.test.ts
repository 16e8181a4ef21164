import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../config.js";
import type { Check } from "../engine/check.js";
import { type RunningServer, startServer } from "../server.js";
import { ApiClient } from "../test-support/api-client.js";
import { type PrometheusProcess, startPrometheus } from "../test-support/prometheus-process.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";
import { buildModelDashboard, dashboardPanels } from "./grafana-dashboard.js";

// Grafana substitutes these before sending a query; the test does the same.
function asGrafanaSends(expr: string): string {
  return expr.replaceAll("$__rate_interval", "30s").replaceAll("$version", ".*");
}

function check(
  kind: Check["kind"],
  subject: string,
  metric: string,
  value: number,
  threshold: number,
): Check {
  return {
    model: "dash",
    version: "v1",
    segment: null,
    window: { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2026, 0, 2) },
    kind,
    subject,
    metric,
    value,
    threshold,
    breached: kind === "drift" ? value > threshold : value < threshold,
    rows: 1000,
    evidence: {},
  };
}

describe("the generated Grafana dashboard against a real Prometheus scraping Sightline", () => {
  let dir: string;
  let server: RunningServer;
  let prometheus: PrometheusProcess | undefined;
  let api: ApiClient;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-dash-");
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    api = new ApiClient(server.url);
    const port = new URL(server.url).port;
    prometheus = await startPrometheus({ targets: [`127.0.0.1:${port}`], scrapeIntervalSeconds: 1 });
  });

  afterAll(async () => {
    await prometheus?.stop();
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  it("is a typed dashboard whose every panel queries the model", () => {
    const dashboard = buildModelDashboard({ model: "dash" });
    const panels = (dashboard.panels ?? []).filter((p) => p.type !== "row");
    const titles = panels.map((p) => (p as { title?: string }).title);
    for (const title of [
      "Request rate",
      "Error rate",
      "Inference latency",
      "Prediction score percentiles",
      "Prediction score distribution",
      "Average output",
      "Drift score / threshold by feature",
      "Performance",
      "Contract violations",
    ]) {
      expect(titles).toContain(title);
    }
    const exprs = JSON.stringify(dashboard).match(/"expr":"[^"\\]*(?:\\.[^"\\]*)*"/g) ?? [];
    expect(exprs.length).toBeGreaterThanOrEqual(15);
    for (const e of exprs) expect(e).toContain('model=\\"dash\\"');
    expect(() => buildModelDashboard({ model: "a/b" })).toThrow(/model/);
  });

  it("runs every PromQL query without error, and the key panels hold the data sent", async () => {
    const prom = prometheus as PrometheusProcess;
    const send = async (offset: number, n: number) => {
      const records = Array.from({ length: n }, (_, i) => ({
        id: `d-${offset + i}`,
        version: "v1",
        features: { x: i },
        prediction: i % 2,
        scores: { "0": 0.8, "1": 0.2 },
        latency_ms: 20,
        ...(i % 10 === 0 ? { error: "timeout" } : {}),
      }));
      expect((await api.postJson("/api/v1/models/dash/predictions", records)).json.accepted).toBe(n);
    };
    server.services.windowGauges.update("dash", [
      check("drift", "distance", "psi", 0.5, 0.2),
      check("drift", "delay", "psi", 0.05, 0.2),
      check("performance", "overall", "f1", 0.8, 0.7),
      check("quality", "distance", "missing_rate", 0.01, 0.05),
    ]);
    const total = 'sum(sightline_predictions_total{model="dash"})';
    await send(0, 100);
    await prom.waitFor(total, (r) => r[0]?.value === 100);
    await send(100, 100);
    await prom.waitFor(total, (r) => r[0]?.value === 200);
    await send(200, 100);
    await prom.waitFor(total, (r) => r[0]?.value === 300);

    const results = new Map<string, number[]>();
    for (const { panels } of dashboardPanels("dash")) {
      for (const panel of panels) {
        for (const q of panel.queries) {
          const samples = await prom.query(asGrafanaSends(q.expr));
          results.set(
            `${panel.title}|${q.legend}`,
            samples.map((s) => s.value),
          );
        }
      }
    }
    expect(results.get("Request rate|{{version}}")?.[0]).toBeGreaterThan(0);
    const [p50] = results.get("Inference latency|p50") ?? [];
    expect(p50).toBeGreaterThan(0.01);
    expect(p50).toBeLessThanOrEqual(0.025);
    const [scoreMedian] = results.get("Prediction score percentiles|p50") ?? [];
    expect(Math.abs((scoreMedian ?? 0) - 0.2)).toBeLessThanOrEqual(0.05);
    const errorRate = results.get("Error rate|{{version}}")?.[0] ?? Number.NaN;
    expect(Math.abs(errorRate - 0.1)).toBeLessThan(0.05);
    expect(results.get("Drift score / threshold by feature|{{feature}}")?.sort()).toEqual([0.25, 2.5]);
    expect(results.get("Performance|{{metric}}")).toEqual([0.8]);
  }, 90_000);
});
