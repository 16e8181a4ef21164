import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../config.js";
import type { PredictionRow } from "../ingest/prediction-row.js";
import { type RunningServer, startServer } from "../server.js";
import type { DuckDbStore } from "../store/duckdb/duckdb-store.js";
import { ApiClient } from "../test-support/api-client.js";
import { mulberry32 } from "../test-support/seeded-random.js";
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
      rows.push({
        model,
        id: `${d}-${i}`,
        tsMs: START + d * DAY + Math.floor((i / perDay) * DAY),
        version: "v1",
        featuresJson: JSON.stringify({ x, city: city(next) }),
        predictionJson: x > 0 ? "1" : "0",
        predictionNum: x > 0 ? 1 : 0,
        scoresJson: null,
        score,
        latencyMs: 5 + 10 * next(),
        error: null,
        traceId: null,
        tagsJson: JSON.stringify({ region }),
        violationsJson: null,
        violationCount: 0,
        receivedMs: START,
        runId: null,
      });
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
