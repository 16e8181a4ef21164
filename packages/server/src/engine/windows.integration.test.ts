import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../config.js";
import type { PredictionRow } from "../ingest/prediction-row.js";
import { type RunningServer, startServer } from "../server.js";
import type { DuckDbStore } from "../store/duckdb/duckdb-store.js";
import { ApiClient } from "../test-support/api-client.js";
import { mulberry32 } from "../test-support/seeded-random.js";
import { predictionRow } from "../test-support/store-rows.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const SHIFT_DAY = 6;

function normal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

function city(next: () => number): string {
  const u = next();
  return u < 0.4 ? "oslo" : u < 0.7 ? "lima" : u < 0.9 ? "pune" : "kyiv";
}

function referenceCsv(rows: number, seed: number): string {
  const next = mulberry32(seed);
  const lines = ["x,city,prediction"];
  for (let i = 0; i < rows; i++) {
    const x = normal(next);
    lines.push(`${x},${city(next)},${x > 0 ? 1 : 0}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Rows of one model: `perDay` per day for `days` days; x shifted by +1 sd from SHIFT_DAY in the shifted segment. */
function streamRows(model: string, days: number, perDay: number, seed: number): PredictionRow[] {
  const next = mulberry32(seed);
  const rows: PredictionRow[] = [];
  for (let d = 0; d < days; d++) {
    for (let i = 0; i < perDay; i++) {
      const region = i % 2 === 0 ? "eu" : "us";
      const x = normal(next) + (d >= SHIFT_DAY && region === "eu" ? 1 : 0);
      const score = 1 / (1 + Math.exp(-x));
      rows.push(
        predictionRow({
          model,
          id: `${d}-${i}`,
          tsMs: START + d * DAY + Math.floor((i / perDay) * DAY),
          featuresJson: JSON.stringify({ x, city: city(next) }),
          predictionJson: x > 0 ? "1" : "0",
          predictionNum: x > 0 ? 1 : 0,
          score,
          latencyMs: 5 + 10 * next(),
          tagsJson: JSON.stringify({ region }),
          receivedMs: START,
        }),
      );
    }
  }
  return rows;
}

interface DriftColumnJson {
  column: string;
  method: string;
  statistic: number;
  p_value: number | null;
  threshold: number;
  drift_detected: boolean;
}
interface DriftWindowJson {
  from: string;
  to: string;
  rows: number;
  columns: DriftColumnJson[];
}

function flagged(windows: DriftWindowJson[], column: string): boolean[] {
  return windows.map((w) => w.columns.find((c) => c.column === column)?.drift_detected ?? false);
}

describe("window engine over a real server and DuckDB", () => {
  let dir: string;
  let server: RunningServer;
  let api: ApiClient;
  let store: DuckDbStore;
  const range = `from=${new Date(START).toISOString()}&to=${new Date(START + 10 * DAY).toISOString()}`;

  async function upload(model: string) {
    const res = await api.request(
      "POST",
      `/api/v1/models/${model}/versions/v1/reference`,
      referenceCsv(5000, 7),
      "text/csv",
    );
    expect(res.status).toBe(201);
  }

  beforeAll(async () => {
    dir = await makeTempDir("sightline-windows-");
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    api = new ApiClient(server.url);
    store = server.services.store as DuckDbStore;
    await upload("shift");
    await store.insertPredictions(streamRows("shift", 10, 4000, 11));
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  it("flags the shifted feature from the window where the shift starts, and not before", async () => {
    const { status, json } = await api.get(`/api/v1/models/shift/drift?${range}&window=1d`);
    expect(status).toBe(200);
    expect(json.version).toBe("v1");
    const windows = json.windows as DriftWindowJson[];
    expect(windows).toHaveLength(10);
    expect(windows[0]).toMatchObject({ from: new Date(START).toISOString(), rows: 4000 });
    const x = flagged(windows, "x");
    expect(x).toEqual(Array.from({ length: 10 }, (_, d) => d >= SHIFT_DAY));
    expect(flagged(windows, "city").some(Boolean)).toBe(false);
    for (const c of windows[0]?.columns ?? []) {
      expect(Object.keys(c)).toEqual(
        expect.arrayContaining([
          "column",
          "type",
          "method",
          "statistic",
          "p_value",
          "threshold",
          "drift_detected",
        ]),
      );
    }
  });

  it("filters by segment: only the shifted segment drifts", async () => {
    const eu = await api.get(`/api/v1/models/shift/drift?${range}&segment=region:eu`);
    const us = await api.get(`/api/v1/models/shift/drift?${range}&segment=region:us`);
    expect(eu.json.windows.map((w: DriftWindowJson) => w.rows)).toEqual(new Array(10).fill(2000));
    expect(flagged(eu.json.windows, "x")).toEqual(Array.from({ length: 10 }, (_, d) => d >= SHIFT_DAY));
    expect(flagged(us.json.windows, "x").some(Boolean)).toBe(false);
  });

  it("gives identical answers for the same rows sent late and in another order", async () => {
    await upload("replay");
    const rows = streamRows("replay", 10, 4000, 11);
    const shuffled = [...rows].reverse();
    await store.insertPredictions(shuffled.slice(0, 20_000));
    const partial = await api.get(`/api/v1/models/replay/drift?${range}`);
    await store.insertPredictions(shuffled.slice(20_000));
    await store.insertPredictions(rows.slice(0, 5000));
    const late = await api.get(`/api/v1/models/replay/drift?${range}`);
    const live = await api.get(`/api/v1/models/shift/drift?${range}`);
    expect(partial.json.windows).not.toEqual(live.json.windows);
    expect(late.json.windows).toEqual(live.json.windows);
    const cumulative = await api.get(`/api/v1/models/replay/drift?${range}&cumulative=true`);
    expect(cumulative.json.windows).toHaveLength(1);
    expect(cumulative.json.windows[0].rows).toBe(40_000);
  });

  it("raises no drift in any window of an unshifted stream of 1,000,000 rows", async () => {
    await upload("steady");
    const rows = 1_000_000;
    // Inserted in SQL for speed; same distributions as the reference (x ~ N(0, 1), city shares .4/.3/.2/.1).
    await store.db.write(async (conn) => {
      await store.db.run(conn, "SELECT setseed(0.25)");
      await store.db.run(
        conn,
        `INSERT INTO predictions (model, id, ts_ms, version, features, prediction, prediction_num, score,
                                  latency_ms, tags, violation_count, received_ms)
         SELECT 'steady', 's' || i, ${START} + i * ${(10 * DAY) / rows}, 'v1',
                json_object('x', x, 'city', CASE WHEN u < 0.4 THEN 'oslo' WHEN u < 0.7 THEN 'lima'
                                                 WHEN u < 0.9 THEN 'pune' ELSE 'kyiv' END)::VARCHAR,
                CASE WHEN x > 0 THEN '1' ELSE '0' END, CASE WHEN x > 0 THEN 1 ELSE 0 END, 1 / (1 + exp(-x)),
                5 + 10 * random(), '{"region":"eu"}', 0, ${START}
         FROM (SELECT i, sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS x, random() AS u
               FROM range(${rows}) t(i))`,
      );
    });
    const daily = await api.get(`/api/v1/models/steady/drift?${range}&window=1d`);
    const hourly = await api.get(`/api/v1/models/steady/drift?${range}&window=1h`);
    expect(daily.status).toBe(200);
    const dailyWindows = daily.json.windows as DriftWindowJson[];
    const hourlyWindows = hourly.json.windows as DriftWindowJson[];
    expect(dailyWindows.reduce((s, w) => s + w.rows, 0)).toBe(rows);
    expect(hourlyWindows).toHaveLength(240);
    const alarms = (windows: DriftWindowJson[]) =>
      windows.flatMap((w) => w.columns.filter((c) => c.drift_detected).map((c) => `${w.from} ${c.column}`));
    const tests = (windows: DriftWindowJson[]) => windows.reduce((s, w) => s + w.columns.length, 0);
    expect(tests(dailyWindows)).toBe(30);
    expect(tests(hourlyWindows)).toBe(720);
    expect(alarms(dailyWindows)).toEqual([]);
    expect(alarms(hourlyWindows)).toEqual([]);
  });

  it("counts the contract violations ingested, missing values and unseen categories per window", async () => {
    await upload("quality");
    const day = (d: number, h: number) => new Date(START + d * DAY + h * 3_600_000).toISOString();
    const records = [
      { id: "q0", timestamp: day(0, 1), features: { x: 0.5, city: "oslo" }, prediction: 1 },
      { id: "q1", timestamp: day(0, 2), features: { x: 99, city: "oslo" }, prediction: 1 },
      { id: "q2", timestamp: day(0, 3), features: { x: -0.5, city: "rome" }, prediction: 0 },
      { id: "q3", timestamp: day(0, 4), features: { city: "lima" }, prediction: 0 },
      { id: "q4", timestamp: day(1, 1), features: { x: -99, city: "nuuk" }, prediction: 0 },
      { id: "q5", timestamp: day(1, 2), features: { x: 0.1, city: "nuuk" }, prediction: 1 },
      { id: "q6", timestamp: day(1, 3), features: { x: 0.2, city: "pune", extra: 1 }, prediction: 1 },
    ];
    const ingested = await api.postJson(
      "/api/v1/models/quality/predictions?version=v1",
      records.map((r) => ({ ...r, version: "v1" })),
    );
    expect(ingested.json.accepted).toBe(records.length);
    const { status, json } = await api.get(
      `/api/v1/models/quality/quality?from=${day(0, 0)}&to=${day(2, 0)}`,
    );
    expect(status).toBe(200);
    const stored = (await api.get("/api/v1/models/quality/violations")).json.violations as {
      field: string;
      kind: string;
      count: number;
    }[];
    const fromWindows = new Map<string, number>();
    for (const w of json.windows) {
      for (const v of w.violations) {
        const key = `${v.field} ${v.kind}`;
        fromWindows.set(key, (fromWindows.get(key) ?? 0) + v.count);
      }
    }
    expect(fromWindows).toEqual(new Map(stored.map((v) => [`${v.field} ${v.kind}`, v.count])));
    expect(stored.length).toBeGreaterThan(0);
    const [first, second] = json.windows;
    expect(first.rows).toBe(4);
    expect(first.violations_by_kind).toMatchObject({ out_of_range: 1, unseen_category: 1 });
    const x0 = first.columns.find((c: { column: string }) => c.column === "x");
    const city0 = first.columns.find((c: { column: string }) => c.column === "city");
    expect(x0).toMatchObject({ missing: 1, missing_rate: 0.25, out_of_range: 1, out_of_range_share: 0.25 });
    expect(city0).toMatchObject({ missing: 0, unseen: 1, unseen_share: 0.25 });
    const city1 = second.columns.find((c: { column: string }) => c.column === "city");
    expect(city1).toMatchObject({ unseen: 2 });
    expect(second.violations_by_kind).toMatchObject({
      out_of_range: 1,
      unseen_category: 2,
      unknown_feature: 1,
    });
  });

  it("reports outputs per window: volume, latency percentiles, score quantiles, class shares, stuck outputs", async () => {
    const { status, json } = await api.get(`/api/v1/models/shift/outputs?${range}&segment=region:us`);
    expect(status).toBe(200);
    const rows = streamRows("shift", 10, 4000, 11).filter((r) => r.tagsJson?.includes('"us"'));
    const day0 = rows.filter((r) => r.tsMs < START + DAY);
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    // Linear interpolation between order statistics, as NumPy's default and DuckDB's quantile_cont.
    const quantile = (values: number[], q: number) => {
      const s = sorted(values);
      const at = (s.length - 1) * q;
      const lo = Math.floor(at);
      return (
        (s[lo] as number) + (at - lo) * ((s[Math.min(lo + 1, s.length - 1)] as number) - (s[lo] as number))
      );
    };
    const w0 = json.windows[0];
    expect(w0.rows).toBe(day0.length);
    expect(w0.error_rate).toBe(0);
    const latencies = day0.map((r) => r.latencyMs as number);
    expect(w0.latency_ms.p50).toBeCloseTo(quantile(latencies, 0.5), 9);
    expect(w0.latency_ms.p99).toBeCloseTo(quantile(latencies, 0.99), 9);
    expect(w0.score.quantiles.p90).toBeCloseTo(
      quantile(
        day0.map((r) => r.score as number),
        0.9,
      ),
      9,
    );
    expect(w0.score.histogram.counts.reduce((a: number, b: number) => a + b, 0)).toBe(day0.length);
    const ones = day0.filter((r) => r.predictionJson === "1").length;
    expect(w0.classes["1"]).toBeCloseTo(ones / day0.length, 12);
    expect(w0.stuck).toMatchObject({ stuck: false, basis: "score" });

    const stuckRows = streamRows("stuck", 1, 200, 3).map((r) => ({
      ...r,
      score: 0.73,
      predictionJson: "1",
      predictionNum: 1,
    }));
    await store.insertPredictions(stuckRows);
    const stuck = await api.get(`/api/v1/models/stuck/outputs?${range}`);
    expect(stuck.json.windows[0].stuck).toMatchObject({ stuck: true, basis: "score", value: 0 });
  });

  it("flags multivariate drift when a correlation breaks while each feature keeps its distribution", async () => {
    const next = mulberry32(21);
    const lines = ["x,y"];
    for (let i = 0; i < 6000; i++) {
      const x = normal(next);
      lines.push(`${x},${0.95 * x + 0.31 * normal(next)}`);
    }
    const uploaded = await api.request(
      "POST",
      "/api/v1/models/corr/versions/v1/reference",
      `${lines.join("\n")}\n`,
      "text/csv",
    );
    expect(uploaded.status).toBe(201);
    const rows: PredictionRow[] = [];
    for (let d = 0; d < 6; d++) {
      for (let i = 0; i < 2000; i++) {
        const x = normal(next);
        // From day 3, y is independent of x (same N(0, ~1) margin).
        const y = d >= 3 ? normal(next) : 0.95 * x + 0.31 * normal(next);
        rows.push({
          ...(streamRows("corr", 1, 1, 1)[0] as PredictionRow),
          id: `c-${d}-${i}`,
          tsMs: START + d * DAY + i * 1000,
          featuresJson: JSON.stringify({ x, y }),
        });
      }
    }
    await store.insertPredictions(rows);
    const { json } = await api.get(
      `/api/v1/models/corr/drift?from=${new Date(START).toISOString()}&to=${new Date(START + 6 * DAY).toISOString()}`,
    );
    const windows = json.windows as (DriftWindowJson & {
      multivariate: { drift_detected: boolean; rows: number };
    })[];
    expect(windows.map((w) => w.multivariate.drift_detected)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(windows.map((w) => w.multivariate.rows)).toEqual(new Array(6).fill(500));
    expect(flagged(windows, "x").some(Boolean)).toBe(false);
    expect(flagged(windows, "y").some(Boolean)).toBe(false);
  });

  it("exposes drift, quality and operational results as checks for monitors", async () => {
    const window = { fromMs: START + 7 * DAY, toMs: START + 8 * DAY };
    const query = { model: "shift", window, nowMs: START + 10 * DAY };
    const [drift, quality, operational] = server.services.windows.providers;
    const driftChecks = (await drift?.checks(query)) ?? [];
    expect(driftChecks.find((c) => c.subject === "x")).toMatchObject({
      kind: "drift",
      breached: true,
      version: "v1",
      window,
    });
    expect(driftChecks.find((c) => c.subject === "city")).toMatchObject({ breached: false, rows: 4000 });
    const qualityChecks = (await quality?.checks(query)) ?? [];
    expect(qualityChecks.find((c) => c.subject === "x" && c.metric === "missing_rate")?.value).toBe(0);
    const operationalChecks = (await operational?.checks(query)) ?? [];
    expect(operationalChecks.find((c) => c.kind === "volume")?.value).toBe(4000);
    expect(operationalChecks.find((c) => c.kind === "stuck_output")).toMatchObject({ breached: false });
  });

  it("compares labels with the reference's labels in the windows where labels arrived", async () => {
    const next = mulberry32(5);
    const lines = ["x,prediction,label"];
    for (let i = 0; i < 5000; i++)
      lines.push(`${normal(next)},${next() < 0.3 ? 1 : 0},${next() < 0.3 ? 1 : 0}`);
    const uploaded = await api.request(
      "POST",
      "/api/v1/models/labelled/versions/v1/reference",
      `${lines.join("\n")}\n`,
      "text/csv",
    );
    expect(uploaded.status).toBe(201);
    const rows = streamRows("labelled", 3, 2000, 9);
    await store.insertPredictions(rows);
    // Day 0: labels as in the reference (30% positive); day 1: 60% positive; day 2: no labels yet.
    await store.upsertLabels(
      rows
        .filter((r) => r.tsMs < START + 2 * DAY)
        .map((r) => {
          const positive = next() < (r.tsMs < START + DAY ? 0.3 : 0.6);
          return {
            model: "labelled",
            id: r.id,
            labelJson: positive ? "1" : "0",
            labelNum: positive ? 1 : 0,
            tsMs: r.tsMs,
            receivedMs: r.tsMs,
          };
        }),
    );
    const { json } = await api.get(
      `/api/v1/models/labelled/drift?from=${new Date(START).toISOString()}&to=${new Date(START + 3 * DAY).toISOString()}`,
    );
    const label = (json.windows as DriftWindowJson[]).map((w) => w.columns.find((c) => c.column === "label"));
    expect(label.map((c) => c?.drift_detected)).toEqual([false, true, undefined]);
    expect(label[0]).toMatchObject({ method: "jensen-shannon" });
  });

  it("answers 400 naming the field for bad parameters, 404 for unknown models and versions", async () => {
    for (const [query, field] of [
      ["window=3x", "window"],
      ["from=yesterday", "from"],
      ["to=2020-01-01T00:00:00Z&from=2021-01-01T00:00:00Z", "to"],
      ["segment=region", "segment"],
      ["cumulative=maybe", "cumulative"],
      ["method=nope", "method"],
      ["colour=red", "colour"],
    ] as const) {
      const res = await api.get(`/api/v1/models/shift/drift?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json.error.details.field, query).toBe(field);
    }
    const unknown = await api.get("/api/v1/models/nobody/drift");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toMatch(/unknown model nobody/);
    const noReference = await api.get("/api/v1/models/shift/drift?version=v9");
    expect(noReference.status).toBe(404);
    expect(noReference.json.error.message).toMatch(/no reference uploaded/);
  });
});
