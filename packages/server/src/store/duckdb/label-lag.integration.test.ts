import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../../test-support/seeded-random.js";
import { labelRow, predictionRow } from "../../test-support/store-rows.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";
import { DuckDbStore } from "./duckdb-store.js";

const hour = 3_600_000;
const start = Date.UTC(2024, 0, 1);

/** NumPy's quantile (linear interpolation, as DuckDB's quantile_cont) of the values: the reference. */
function numpyQuantile(values: readonly number[], q: number): number {
  const code =
    "import json,sys,numpy as np; d=json.load(sys.stdin); print(repr(float(np.quantile(d['v'], d['q']))))";
  const run = spawnSync("/usr/bin/python3", ["-c", code], {
    input: JSON.stringify({ v: values, q }),
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`numpy failed: ${run.stderr}`);
  return Number(run.stdout.trim());
}

const prediction = (model: string, id: string, tsMs: number) => predictionRow({ model, id, tsMs });

const label = (model: string, id: string, tsMs: number) => labelRow(model, id, 1, tsMs);

describe("DuckDbPerformanceStore.labelLag", () => {
  let dir: string;
  let store: DuckDbStore;
  const next = mulberry32(11);
  // Skewed lags (most within hours, a tail of days), labels spread over 40 days of label time.
  const rows = Array.from({ length: 3000 }, (_, i) => {
    const predictedMs = start + Math.floor(next() * 40 * 24 * hour);
    const lagMs = Math.floor(-Math.log(1 - next()) * 6 * hour);
    return { id: `p${i}`, predictedMs, labelledMs: predictedMs + lagMs };
  });
  const spanFrom = start + 10 * 24 * hour;
  const spanTo = start + 40 * 24 * hour;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-label-lag-");
    store = await DuckDbStore.open(dir);
    await store.insertPredictions(rows.map((r) => prediction("m", r.id, r.predictedMs)));
    await store.upsertLabels([
      ...rows.map((r) => label("m", r.id, r.labelledMs)),
      // A label whose prediction never came, and another model's label: neither counts.
      label("m", "orphan", spanFrom + hour),
      label("other", "p0", spanFrom + hour),
    ]);
    await store.insertPredictions([prediction("other", "p0", spanFrom - 50 * 24 * hour)]);
  });

  afterAll(async () => {
    await store?.close();
    if (dir) await removeTempDir(dir);
  });

  it("is NumPy's quantile of label time − prediction time over the labels whose time is in the span", async () => {
    const inSpan = rows.filter((r) => r.labelledMs >= spanFrom && r.labelledMs < spanTo);
    const lags = inSpan.map((r) => r.labelledMs - r.predictedMs);
    const lag = await store.performance.labelLag("m", { fromMs: spanFrom, toMs: spanTo, quantile: 0.95 });
    expect(lag.labels).toBe(inSpan.length);
    expect(lag.quantileMs).toBeCloseTo(numpyQuantile(lags, 0.95), 3);
  });

  it("counts no labels and gives no quantile for a span without any", async () => {
    const lag = await store.performance.labelLag("m", { fromMs: 0, toMs: start, quantile: 0.95 });
    expect(lag).toEqual({ labels: 0, quantileMs: null });
  });
});
