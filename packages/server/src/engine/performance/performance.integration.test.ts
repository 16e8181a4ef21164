import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../../config.js";
import { type RunningServer, startServer } from "../../server.js";
import { ApiClient } from "../../test-support/api-client.js";
import { mulberry32 } from "../../test-support/seeded-random.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";
import { performanceCheckProvider } from "./performance-check-provider.js";

const day = 86_400_000;
const start = Date.UTC(2024, 2, 1);
const script = fileURLToPath(new URL("./sklearn-metrics.py", import.meta.url));

/** scikit-learn's metrics on exported rows (the reference every realised metric is checked against). */
function sklearnAll(requests: Record<string, unknown>[]): Record<string, number>[] {
  const run = spawnSync("/usr/bin/python3", [script], { input: JSON.stringify(requests), encoding: "utf8" });
  if (run.status !== 0) throw new Error(`sklearn-metrics.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, number>[];
}

function sklearn(request: Record<string, unknown>): Record<string, number> {
  return sklearnAll([request])[0] as Record<string, number>;
}

interface BinaryRow {
  id: string;
  ts: number;
  region: string;
  score: number;
  prediction: number;
  label: number;
}

// A miscalibrated classifier: the true P(y = 1 | x) is sigmoid(x), the model says sigmoid(1.6 x + 0.3),
// rounded to 3 decimals (so binned ROC AUC and average precision are exact).
function binaryRows(
  seed: number,
  count: number,
  fromMs: number,
  spanMs: number,
  prefix: string,
): BinaryRow[] {
  const next = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const x = (next() + next() + next() - 1.5) * 4;
    const score = Math.round((1 / (1 + Math.exp(-(1.6 * x + 0.3)))) * 1000) / 1000;
    return {
      id: `${prefix}-${i}`,
      ts: fromMs + Math.floor((i / count) * spanMs),
      region: next() < 0.4 ? "eu" : "us",
      score,
      prediction: score >= 0.5 ? 1 : 0,
      label: next() < 1 / (1 + Math.exp(-x)) ? 1 : 0,
    };
  });
}

const binaryMetricNames = [
  "accuracy",
  "precision",
  "recall",
  "f1",
  "balanced_accuracy",
  "matthews_correlation",
  "roc_auc",
  "average_precision",
  "log_loss",
  "brier",
  "ece",
] as const;

const binaryRequest = (rows: readonly BinaryRow[]) => ({
  task: "binary",
  y_true: rows.map((r) => r.label),
  y_pred: rows.map((r) => r.prediction),
  scores: rows.map((r) => r.score),
});

/** Each answered metrics object equals scikit-learn's on its rows (one Python run for all). */
function expectBinaryMatches(pairs: [Record<string, unknown>, readonly BinaryRow[]][]): void {
  const expected = sklearnAll(pairs.map(([, rows]) => binaryRequest(rows)));
  pairs.forEach(([actual, _rows], i) => {
    const e = expected[i] as Record<string, number>;
    expect(actual.confusion_matrix).toEqual(e.confusion_matrix);
    for (const name of binaryMetricNames) expect(actual[name], name).toBeCloseTo(e[name] as number, 10);
  });
}

describe("GET /models/{m}/performance on a real server", () => {
  let dir: string;
  let server: RunningServer;
  let api: ApiClient;
  const reference = binaryRows(1, 6000, start - 30 * day, 20 * day, "ref");
  const production = binaryRows(2, 8000, start, 4 * day, "p");
  const byDay = (d: number) =>
    production.filter((r) => r.ts >= start + d * day && r.ts < start + (d + 1) * day);
  const url = (query: string) => `/api/v1/models/clf/performance?${query}`;
  const daily = url(`from=${new Date(start).toISOString()}&to=${start + 4 * day}&window=1d&version=v1`);

  beforeAll(async () => {
    dir = await makeTempDir("sightline-perf-");
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    api = new ApiClient(server.url);
    const csv = [
      "x,score,prediction,label",
      ...reference.map((r, i) => `${i % 7},${r.score},${r.prediction},${r.label}`),
    ];
    const uploaded = await api.request(
      "POST",
      "/api/v1/models/clf/versions/v1/reference",
      csv.join("\n"),
      "text/csv",
    );
    expect(uploaded.status).toBe(201);
    const sent = await api.postJson(
      "/api/v1/models/clf/predictions",
      production.map((r) => ({
        id: r.id,
        timestamp: r.ts,
        version: "v1",
        features: { x: 1 },
        prediction: r.prediction,
        scores: { "0": 1 - r.score, "1": r.score },
        tags: { region: r.region },
      })),
    );
    expect(sent.json.accepted).toBe(production.length);
    // Days 0 and 1 are labelled an hour after the prediction; days 2 and 3 not yet.
    const early = [...byDay(0), ...byDay(1)];
    const labels = await api.postJson(
      "/api/v1/models/clf/labels",
      early.map((r) => ({ id: r.id, label: r.label, timestamp: r.ts + 3_600_000 })),
    );
    expect(labels.json.accepted).toBe(early.length);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  it("detects a binary task and matches scikit-learn per window and cumulatively", async () => {
    const { status, json } = await api.get(daily);
    expect(status).toBe(200);
    expect(json.task).toBe("binary");
    expect(json.positive_class).toBe(1);
    expect(json.windows).toHaveLength(4);
    for (const d of [0, 1]) {
      const w = json.windows[d];
      expect(w.from).toBe(new Date(start + d * day).toISOString());
      expect(w.rows).toBe(byDay(d).length);
      expect(w.label_coverage).toBe(1);
      expect(w.label_lag_ms).toEqual({ p50: 3_600_000, p90: 3_600_000 });
    }
    expectBinaryMatches([
      [json.windows[0].metrics, byDay(0)],
      [json.windows[1].metrics, byDay(1)],
      [json.windows[1].cumulative.metrics, [...byDay(0), ...byDay(1)]],
    ]);
    // Days 2-3: no labels, so no realised metrics; the cumulative ones stay those of days 0-1.
    expect(json.windows[2]).toMatchObject({ labelled: 0, label_coverage: 0, metrics: null });
    expect(json.windows[2].label_lag_ms).toEqual({ p50: null, p90: null });
    expect(json.windows[3].cumulative.labelled).toBe(byDay(0).length + byDay(1).length);
    expect(json.windows[3].cumulative.metrics.f1).toBe(json.windows[1].cumulative.metrics.f1);
    for (const w of json.windows) {
      expect(w.estimated.rows).toBe(w.rows);
      for (const m of ["accuracy", "precision", "recall", "f1", "roc_auc"]) {
        expect(w.estimated.metrics[m]).toBeGreaterThan(0);
        expect(w.estimated.expected_error[m]).toBeGreaterThan(0);
      }
    }
  });

  it("filters by segment", async () => {
    const { status, json } = await api.get(`${daily}&segment=region:eu`);
    expect(status).toBe(200);
    const eu = byDay(0).filter((r) => r.region === "eu");
    expect(json.windows[0].rows).toBe(eu.length);
    expectBinaryMatches([[json.windows[0].metrics, eu]]);
    const none = await api.get(`${daily}&segment=region:mars`);
    expect(none.json.windows[0]).toMatchObject({ rows: 0, metrics: null, estimated: null });
  });

  it("fills past windows when labels arrive 3 days late, and CBPE was within its stated error", async () => {
    const before = (await api.get(daily)).json;
    const late = [...byDay(2), ...byDay(3)];
    const sent = await api.postJson(
      "/api/v1/models/clf/labels",
      late.map((r) => ({ id: r.id, label: r.label, timestamp: r.ts + 3 * day })),
    );
    expect(sent.json.accepted).toBe(late.length);
    const after = (await api.get(daily)).json;
    for (const d of [2, 3]) {
      const w = after.windows[d];
      expect(w.label_coverage).toBe(1);
      expect(w.label_lag_ms).toEqual({ p50: 3 * day, p90: 3 * day });
      // The estimate made before the labels came (same rows, so the same estimate) against reality.
      expect(w.estimated).toEqual(before.windows[d].estimated);
      for (const m of ["accuracy", "f1"]) {
        const e = before.windows[d].estimated;
        console.info(
          `day ${d} ${m}: estimated ${e.metrics[m].toFixed(4)} ± ${e.expected_error[m].toFixed(4)}, realised ${w.metrics[m].toFixed(4)}`,
        );
        // expected_error is a 95% half-width: one day in twenty may miss it, none by half as much again.
        expect(Math.abs(e.metrics[m] - w.metrics[m])).toBeLessThanOrEqual(1.5 * e.expected_error[m]);
      }
    }
    // Coverage of the stated error over the 48 hourly windows of the held-out days (~83 rows each).
    const hourly = (await api.get(url(`from=${start + 2 * day}&to=${start + 4 * day}&window=1h&version=v1`)))
      .json;
    let within = 0;
    let total = 0;
    for (const w of hourly.windows) {
      for (const m of ["accuracy", "f1"]) {
        total++;
        if (Math.abs(w.estimated.metrics[m] - w.metrics[m]) <= w.estimated.expected_error[m]) within++;
      }
    }
    console.info(`hourly CBPE: ${within} of ${total} realised values within the stated 95% error`);
    expect(total).toBe(96);
    expect(within / total).toBeGreaterThanOrEqual(0.85);
    expectBinaryMatches([
      [after.windows[2].metrics, byDay(2)],
      [after.windows[3].metrics, byDay(3)],
      [after.windows[3].cumulative.metrics, production],
    ]);
    expect(after.windows[3].cumulative.label_coverage).toBe(1);
  });

  it("gives monitors checks against the reference metrics, with no verdict below the minimum labels", async () => {
    const refMetrics = sklearn(binaryRequest(reference));
    const provider = performanceCheckProvider(server.services.performance);
    expect(provider.kinds).toEqual(["performance", "estimated_performance"]);
    const dayZero = { fromMs: start, toMs: start + day };
    const checks = await provider.checks({
      model: "clf",
      version: "v1",
      window: dayZero,
      nowMs: start + day,
    });
    const accuracy = checks.find((c) => c.kind === "performance" && c.metric === "accuracy")!;
    expect(accuracy.threshold).toBeCloseTo((refMetrics.accuracy as number) - 0.05, 10);
    expect(accuracy.rows).toBe(byDay(0).length);
    expect(accuracy.evidence).toMatchObject({ label_coverage: 1, min_rows: 100, tolerance: 0.05 });
    expect(checks.map((c) => `${c.kind}:${c.metric}`).sort()).toEqual([
      "estimated_performance:accuracy",
      "estimated_performance:f1",
      "estimated_performance:roc_auc",
      "performance:accuracy",
      "performance:f1",
      "performance:roc_auc",
    ]);
    expect(checks.some((c) => c.breached)).toBe(false);
    // A threshold above every value breaches with enough labels, and never on an hour's ~83 labels.
    const strict = performanceCheckProvider(server.services.performance, { absoluteTolerance: -0.5 });
    const daily = await strict.checks({ model: "clf", version: "v1", window: dayZero, nowMs: start + day });
    expect(daily.every((c) => c.breached)).toBe(true);
    const hour = { fromMs: start, toMs: start + 3_600_000 };
    const hourly = await strict.checks({ model: "clf", version: "v1", window: hour, nowMs: start + day });
    expect(
      hourly
        .filter((c) => c.kind === "performance")
        .every((c) => c.rows < 100 && !c.breached && c.immature === true),
    ).toBe(true);
  });

  it("detects multiclass and regression tasks and matches scikit-learn", async () => {
    const next = mulberry32(3);
    const classes = ["cat", "dog", "bird"];
    const multi = Array.from({ length: 900 }, (_, i) => {
      const label = classes[Math.floor(next() * 3)] as string;
      const prediction = next() < 0.7 ? label : (classes[Math.floor(next() * 3)] as string);
      return { id: `m-${i}`, ts: start + i * 60_000, label, prediction };
    });
    await api.postJson(
      "/api/v1/models/multi/predictions",
      multi.map((r) => ({ id: r.id, timestamp: r.ts, features: {}, prediction: r.prediction })),
    );
    await api.postJson(
      "/api/v1/models/multi/labels",
      multi.map((r) => ({ id: r.id, label: r.label })),
    );
    const m = (await api.get("/api/v1/models/multi/performance?window=1d")).json;
    expect(m.task).toBe("multiclass");
    const expectedMulti = sklearn({
      task: "multiclass",
      y_true: multi.map((r) => r.label),
      y_pred: multi.map((r) => r.prediction),
    });
    for (const [name, value] of Object.entries(expectedMulti))
      expect(m.windows[0].metrics[name], name).toBeCloseTo(value, 10);
    expect(m.windows[0].metrics.confusion_matrix.labels).toEqual(["bird", "cat", "dog"]);

    const reg = Array.from({ length: 700 }, (_, i) => {
      const label = 50 + 30 * next();
      return { id: `r-${i}`, ts: start + i * 60_000, label, prediction: label + (next() - 0.4) * 8 };
    });
    await api.postJson(
      "/api/v1/models/reg/predictions",
      reg.map((r) => ({ id: r.id, timestamp: r.ts, features: {}, prediction: r.prediction })),
    );
    await api.postJson(
      "/api/v1/models/reg/labels",
      reg.map((r) => ({ id: r.id, label: r.label })),
    );
    const r = (await api.get("/api/v1/models/reg/performance")).json;
    expect(r.task).toBe("regression");
    const expectedReg = sklearn({
      task: "regression",
      y_true: reg.map((x) => x.label),
      y_pred: reg.map((x) => x.prediction),
    });
    for (const [name, value] of Object.entries(expectedReg))
      expect(r.windows[0].metrics[name], name).toBeCloseTo(value, 9);
    // task= overrides detection: the same rows scored as multiclass would be all wrong classes.
    expect((await api.get("/api/v1/models/reg/performance?task=multiclass")).json.task).toBe("multiclass");
  });

  it("answers 400 naming the field for bad parameters", async () => {
    const cases: [string, string, string][] = [
      ["from=yesterday", "SL_INVALID_QUERY", "from"],
      ["to=12", "SL_INVALID_QUERY", "to"],
      [`from=${start + day}&to=${start}`, "SL_INVALID_QUERY", "to"],
      ["window=1x", "SL_INVALID_QUERY", "window"],
      ["task=ranking", "SL_INVALID_QUERY", "task"],
      ["segment=region", "SL_INVALID_QUERY", "segment"],
      ["version=a%2Fb", "SL_INVALID_VERSION_NAME", "version"],
      ["colour=red", "SL_INVALID_QUERY", "colour"],
      ["window=1d&window=1h", "SL_INVALID_QUERY", "window"],
      [`from=0&to=${start}&window=1m`, "SL_INVALID_QUERY", "from"],
    ];
    for (const [query, code, field] of cases) {
      const { status, json } = await api.get(url(query));
      expect(status, query).toBe(400);
      expect(json.error.code, query).toBe(code);
      expect(json.error.details.field, query).toBe(field);
      expect(json.error.message, query).toContain(field);
    }
    expect((await api.get("/api/v1/models/a%20b/performance")).status).toBe(400);
  });
});
