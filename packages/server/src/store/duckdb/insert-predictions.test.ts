import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PredictionRow, predictionKey } from "../../ingest/prediction-row.js";
import { predictionRow } from "../../test-support/store-rows.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";
import { DuckDbStore } from "./duckdb-store.js";

function row(model: string, id: string, extra: Partial<PredictionRow> = {}): PredictionRow {
  return predictionRow({
    model,
    id,
    tsMs: Date.UTC(2024, 0, 1),
    featuresJson: '{"age":31}',
    receivedMs: Date.UTC(2024, 0, 2),
    ...extra,
  });
}

describe("DuckDbStore.insertPredictions", () => {
  let dir: string;
  let store: DuckDbStore;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-insert-");
    store = await DuckDbStore.open(dir);
  });

  afterAll(async () => {
    await store?.close();
    await removeTempDir(dir);
  });

  async function count(model: string): Promise<number> {
    const rows = await store.db.read("SELECT count(*) AS n FROM predictions WHERE model = ?", [model]);
    return rows[0]?.n as number;
  }

  it("stores a batch of new ids and reports every one as new", async () => {
    const rows = [row("fast", "a"), row("fast", "b"), row("fast", "c")];
    const inserted = await store.insertPredictions(rows);
    expect([...inserted].sort()).toEqual(rows.map(predictionKey).sort());
    expect(await count("fast")).toBe(3);
  });

  it("skips ids already stored and reports only the new ones (slow path after a key conflict)", async () => {
    const inserted = await store.insertPredictions([
      row("fast", "b", { predictionJson: "0", predictionNum: 0 }),
      row("fast", "d"),
      row("fast", "a"),
    ]);
    expect([...inserted]).toEqual([predictionKey({ model: "fast", id: "d" })]);
    expect(await count("fast")).toBe(4);
    // The first write of an id wins: a re-send never replaces it.
    expect((await store.getPrediction("fast", "b"))?.prediction).toBe(1);
  });

  it("keeps the first occurrence of an id repeated within one batch", async () => {
    const inserted = await store.insertPredictions([
      row("repeat", "x", { predictionJson: "1" }),
      row("repeat", "x", { predictionJson: "2" }),
      row("repeat", "y"),
    ]);
    expect(inserted.size).toBe(2);
    expect(await count("repeat")).toBe(2);
    expect((await store.getPrediction("repeat", "x"))?.prediction).toBe(1);
  });

  it("treats the same id under two models as two predictions", async () => {
    const inserted = await store.insertPredictions([row("m1", "same"), row("m2", "same")]);
    expect(inserted.size).toBe(2);
    expect(await count("m1")).toBe(1);
    expect(await count("m2")).toBe(1);
  });

  it("leaves the store usable after the fast path rolled back (a write after the conflict succeeds)", async () => {
    await store.insertPredictions([row("after", "1")]);
    expect((await store.insertPredictions([row("after", "1"), row("after", "2")])).size).toBe(1);
    expect((await store.insertPredictions([row("after", "3")])).size).toBe(1);
    expect(await count("after")).toBe(3);
    const staging = await store.db.run(store.db.writer, "SELECT count(*) AS n FROM predictions_staging");
    expect(staging[0]?.n).toBe(0);
  });

  it("stores run_id and reads it back", async () => {
    await store.insertPredictions([row("runs", "r1", { runId: "train-2024-01-01 #7" }), row("runs", "r2")]);
    expect((await store.getPrediction("runs", "r1"))?.run_id).toBe("train-2024-01-01 #7");
    expect((await store.getPrediction("runs", "r2"))?.run_id).toBeNull();
  });
});
