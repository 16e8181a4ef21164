import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../test-support/api-client.js";
import { type PrometheusProcess, startPrometheus } from "../test-support/prometheus-process.js";
import { parseMetrics, sampleValue } from "../test-support/prometheus-text.js";
import { promtoolCheckMetrics } from "../test-support/promtool.js";
import { betaOrderStatistic, median, mulberry32 } from "../test-support/seeded-random.js";
import { type ServerProcess, startServerProcess } from "../test-support/server-process.js";

describe("/metrics passes promtool with every sightline metric populated", () => {
  let server: ServerProcess;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startServerProcess();
    api = new ApiClient(server.url);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("has no problems reported by `promtool check metrics`", async () => {
    const csv = "age,city,prediction\n20,rome,1.5\n30,oslo,2.5\n40,rome,4\n50,lima,8\n";
    expect(
      (await api.request("POST", "/api/v1/models/lint/versions/v1/reference", csv, "text/csv")).status,
    ).toBe(201);
    const sent = await api.postJson("/api/v1/models/lint/predictions", [
      { id: "p1", version: "v1", features: { age: 25, city: "rome" }, prediction: 2, latency_ms: 4 },
      {
        id: "p2",
        version: "v1",
        features: { age: 99, city: "paris", shoe: 1 },
        prediction: 9,
        latency_ms: 40,
      },
      { id: "p3", features: { x: 1 }, prediction: 1, scores: { "0": 0.3, "1": 0.7 } },
      { id: "p4", features: { x: 1 }, error: "model timed out" },
      { id: "bad", features: { x: {} }, prediction: 1 },
    ]);
    expect(sent.json.accepted).toBe(4);
    await api.postJson("/api/v1/models/lint/labels", [{ id: "p1", label: 2 }]);
    const text = (await api.get("/metrics")).text;
    const samples = parseMetrics(text);
    for (const name of [
      "sightline_predictions_total",
      "sightline_prediction_errors_total",
      "sightline_inference_latency_seconds_count",
      "sightline_prediction_score_count",
      "sightline_prediction_value_count",
      "sightline_labels_total",
      "sightline_contract_violations_total",
      "sightline_ingest_rejected_total",
    ]) {
      expect(
        samples.filter((s) => s.name === name).reduce((sum, s) => sum + s.value, 0),
        name,
      ).toBeGreaterThan(0);
    }
    expect(sampleValue(samples, "sightline_prediction_value_count", { model: "lint", version: "v1" })).toBe(
      2,
    );

    const { code, output } = await promtoolCheckMetrics(text);
    expect(output).toBe("");
    expect(code).toBe(0);
  });
});

describe("a real Prometheus scraping the server", () => {
  let server: ServerProcess;
  let prometheus: PrometheusProcess | undefined;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startServerProcess();
    api = new ApiClient(server.url);
    prometheus = await startPrometheus({ targets: [`127.0.0.1:${server.port}`], scrapeIntervalSeconds: 1 });
  });

  afterAll(async () => {
    await prometheus?.stop();
    await server?.stop();
  });

  it("recovers the median of the scores sent with histogram_quantile, within one bucket", async () => {
    const prom = prometheus as PrometheusProcess;
    const countQuery = 'sum(sightline_prediction_score_count{model="scored"})';
    const send = async (scores: readonly number[], offset: number) => {
      const records = scores.map((p, i) => ({
        id: `s-${offset + i}`,
        features: { x: i },
        prediction: p >= 0.5 ? 1 : 0,
        scores: { "0": 1 - p, "1": p },
      }));
      const answer = await api.postNdjson("/api/v1/models/scored/predictions", records);
      expect(answer.json.accepted).toBe(scores.length);
    };
    const scraped = (count: number) => prom.waitFor(countQuery, (r) => r[0]?.value === count);

    // A first prediction with score 0 (in every bucket) creates the series before the measured ones, so
    // rate() sees all of them as increase, and every bucket starts from the same count.
    await send([0], 0);
    await scraped(1);
    const uniform = mulberry32(2024);
    const scores = Array.from({ length: 2000 }, () => betaOrderStatistic(uniform, 2, 5));
    await send(scores.slice(0, 1000), 1);
    await scraped(1001);
    await send(scores.slice(1000), 1001);
    await scraped(2001);
    const scrapes = await prom.query('count_over_time(up{job="sightline"}[1m])');
    expect(scrapes[0]?.value).toBeGreaterThanOrEqual(3);

    const trueMedian = median(scores);
    expect(trueMedian).toBeGreaterThan(0.2);
    expect(trueMedian).toBeLessThan(0.35);
    const [byRate] = await prom.query(
      "histogram_quantile(0.5, sum by (le) (rate(sightline_prediction_score_bucket[30s])))",
    );
    expect(Math.abs((byRate?.value ?? Number.NaN) - trueMedian)).toBeLessThanOrEqual(0.05);
    const [byCount] = await prom.query(
      "histogram_quantile(0.5, sum by (le) (sightline_prediction_score_bucket))",
    );
    expect(Math.abs((byCount?.value ?? Number.NaN) - median([0, ...scores]))).toBeLessThanOrEqual(0.05);
    const [total] = await prom.query('sum(sightline_predictions_total{model="scored"})');
    expect(total?.value).toBe(2001);
  }, 60_000);
});
