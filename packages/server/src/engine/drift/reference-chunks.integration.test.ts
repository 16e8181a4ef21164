import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../../config.js";
import type { PredictionRow } from "../../ingest/prediction-row.js";
import { type RunningServer, startServer } from "../../server.js";
import type { DuckDbStore } from "../../store/duckdb/duckdb-store.js";
import { ApiClient } from "../../test-support/api-client.js";
import { mulberry32 } from "../../test-support/seeded-random.js";
import { predictionRow } from "../../test-support/store-rows.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";

const DAY = 86_400_000;
const REFERENCE_START = Date.UTC(2024, 0, 1);
const START = Date.UTC(2024, 1, 1);
const DAYS = 7;
const BROKEN_DAY = 5;
const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function city(next: () => number): string {
  const u = next();
  return u < 0.4 ? "oslo" : u < 0.7 ? "lima" : u < 0.9 ? "pune" : "kyiv";
}

/** 21 days of 200 rows; weekday follows the row's timestamp (one value per day). */
function referenceCsv(withTimestamp: boolean): string {
  const next = mulberry32(3);
  const lines = [withTimestamp ? "timestamp,weekday,city" : "weekday,city"];
  for (let d = 0; d < 21; d++) {
    for (let i = 0; i < 200; i++) {
      const ts = REFERENCE_START + d * DAY + Math.floor((i / 200) * DAY);
      const row = [weekdays[new Date(ts).getUTCDay()], city(next)];
      lines.push((withTimestamp ? [new Date(ts).toISOString(), ...row] : row).join(","));
    }
  }
  return `${lines.join("\n")}\n`;
}

/** 300 rows a day; on BROKEN_DAY an upstream change sends the weekday in capitals. */
function streamRows(model: string): PredictionRow[] {
  const next = mulberry32(5);
  const rows: PredictionRow[] = [];
  for (let d = 0; d < DAYS; d++) {
    for (let i = 0; i < 300; i++) {
      const tsMs = START + d * DAY + Math.floor((i / 300) * DAY);
      const weekday = weekdays[new Date(tsMs).getUTCDay()] as string;
      rows.push(
        predictionRow({
          model,
          id: `${d}-${i}`,
          tsMs,
          featuresJson: JSON.stringify({
            weekday: d === BROKEN_DAY ? weekday.toUpperCase() : weekday,
            city: city(next),
          }),
          latencyMs: 5,
          receivedMs: START,
        }),
      );
    }
  }
  return rows;
}

const HEAVY_DAY_ROWS = 1500;
const SHIFTED_DAY = 4;

/** A normal draw (Box–Muller) from a seeded uniform. */
function normal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** Delay-like numbers whose daily mean wanders (weather): each day N(mu_d, 1), mu_d uniform in ±0.4. */
function wanderingDay(next: () => number, rows: number, shift = 0): number[] {
  const mu = 0.8 * next() - 0.4 + shift;
  return Array.from({ length: rows }, () => mu + normal(next));
}

function wanderingReferenceCsv(): string {
  const next = mulberry32(7);
  const lines = ["timestamp,delay"];
  for (let d = 0; d < 21; d++) {
    for (const [i, x] of wanderingDay(next, HEAVY_DAY_ROWS).entries()) {
      lines.push(
        `${new Date(REFERENCE_START + d * DAY + Math.floor((i / HEAVY_DAY_ROWS) * DAY)).toISOString()},${x}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** A week of wandering days; on SHIFTED_DAY every delay is 1.5 sd later. */
function wanderingRows(model: string): PredictionRow[] {
  const next = mulberry32(9);
  const template = streamRows(model)[0] as PredictionRow;
  return Array.from({ length: DAYS }, (_, d) =>
    wanderingDay(next, HEAVY_DAY_ROWS, d === SHIFTED_DAY ? 1.5 : 0).map((delay, i) => ({
      ...template,
      id: `w${d}-${i}`,
      tsMs: START + d * DAY + Math.floor((i / HEAVY_DAY_ROWS) * DAY),
      featuresJson: JSON.stringify({ delay }),
    })),
  ).flat();
}

interface Column {
  column: string;
  method: string;
  drift_detected: boolean;
  threshold_source: string;
  reference_chunks: { chunks: number; drifting_chunks: number | null } | null;
}

// Regression: a categorical feature with one value per window (weekday in daily windows) drifted every
// day by construction, so the default drift monitor alerted every day.
describe("window-size-aware drift of features that vary between windows", () => {
  let dir: string;
  let server: RunningServer;
  let api: ApiClient;
  const range = `from=${new Date(START).toISOString()}&to=${new Date(START + DAYS * DAY).toISOString()}`;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-chunks-");
    server = await startServer(resolveServerConfig({ port: 0, dataDir: dir, logLevel: "silent" }, {}));
    api = new ApiClient(server.url);
    const store = server.services.store as DuckDbStore;
    for (const [model, withTimestamp] of [
      ["timed", true],
      ["untimed", false],
    ] as const) {
      const res = await api.request(
        "POST",
        `/api/v1/models/${model}/versions/v1/reference`,
        referenceCsv(withTimestamp),
        "text/csv",
      );
      expect(res.status).toBe(201);
      await store.insertPredictions(streamRows(model));
    }
    const res = await api.request(
      "POST",
      "/api/v1/models/wandering/versions/v1/reference",
      wanderingReferenceCsv(),
      "text/csv",
    );
    expect(res.status).toBe(201);
    await store.insertPredictions(wanderingRows("wandering"));
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await removeTempDir(dir);
  });

  async function columns(model: string, name: string): Promise<Column[]> {
    const { status, json } = await api.get(`/api/v1/models/${model}/drift?${range}&window=1d`);
    expect(status).toBe(200);
    return (json.windows as { columns: Column[] }[]).map(
      (w) => w.columns.find((c) => c.column === name) as Column,
    );
  }

  it("judges weekday against daily reference chunks: only the broken day drifts", async () => {
    const weekday = await columns("timed", "weekday");
    expect(weekday.map((c) => c.drift_detected)).toEqual(
      Array.from({ length: DAYS }, (_, d) => d === BROKEN_DAY),
    );
    expect(weekday[0]).toMatchObject({
      threshold_source: "reference_chunks",
      reference_chunks: { chunks: 21, drifting_chunks: 21 },
    });
    const city = await columns("timed", "city");
    expect(city.every((c) => c.threshold_source === "p_value" && c.reference_chunks === null)).toBe(true);
    const contract = await api.get("/api/v1/models/timed/versions/v1/contract");
    expect(contract.json.contract.features.map((f: { name: string }) => f.name)).toEqual(["weekday", "city"]);
  });

  it("raises a distance's threshold to the reference days' spread: ordinary days pass, a shifted one drifts", async () => {
    const delay = await columns("wandering", "delay");
    expect(delay.map((c) => c.drift_detected)).toEqual(
      Array.from({ length: DAYS }, (_, d) => d === SHIFTED_DAY),
    );
    expect(delay[0]).toMatchObject({
      method: "binned-wasserstein",
      threshold_source: "reference_chunks",
      reference_chunks: { chunks: 21, median_rows: HEAVY_DAY_ROWS, method: "binned-wasserstein" },
    });
    // Sampling noise alone (the threshold without the reference days) takes wandering days for drift.
    const alone = await api.get(`/api/v1/models/wandering/drift?${range}&window=1d&reference_chunks=false`);
    expect(alone.status).toBe(200);
    const flagged = (alone.json.windows as { columns: Column[] }[]).filter(
      (w) => w.columns.find((c) => c.column === "delay")?.drift_detected,
    );
    expect(flagged.length).toBeGreaterThanOrEqual(4);
    const bad = await api.get(`/api/v1/models/wandering/drift/matrix?${range}&reference_chunks=maybe`);
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({
      code: "SL_INVALID_QUERY",
      details: { field: "reference_chunks" },
    });
  });

  it("without a reference timestamp, weekday drifts every day as before", async () => {
    const weekday = await columns("untimed", "weekday");
    expect(weekday.every((c) => c.drift_detected && c.threshold_source === "p_value")).toBe(true);
  });
});
