import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IngestMetrics } from "../exporters/ingest-metrics.js";
import { DuckDbStore } from "../store/duckdb/duckdb-store.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";
import { ContractRegistry } from "./contract-registry.js";
import { IngestService } from "./ingest-service.js";

// Regression: an id repeated within one batch was counted twice in sightline_predictions_total, and the
// same id under two models written in one group commit was matched by id alone.
describe("predictions_total with repeated ids", () => {
  let dir: string;
  let store: DuckDbStore;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-dup-");
    store = await DuckDbStore.open(dir);
  });

  afterAll(async () => {
    await store?.close();
    await removeTempDir(dir);
  });

  it("counts each stored (model, id) once, whether repeated in a batch, re-sent, or shared by models", async () => {
    const metrics = new IngestMetrics(() => 0);
    const ingest = new IngestService(store, new ContractRegistry(), metrics, {
      maxBatchRecords: 100,
      maxQueuedRecords: 1000,
      now: () => Date.UTC(2024, 0, 1),
    });
    const record = (id: string, x: number) => ({ id, features: { x }, prediction: 1 });
    const batch = (...values: unknown[]) => ({ values, rejections: [] });
    // The first write runs alone; the next three queue behind it and are written as one group.
    await Promise.all([
      ingest.ingestPredictions("a", batch(record("x", 1))),
      ingest.ingestPredictions("a", batch(record("y", 1), record("y", 2))),
      ingest.ingestPredictions("b", batch(record("y", 3))),
      ingest.ingestPredictions("a", batch(record("x", 4))),
    ]);
    const counts = (await metrics.registry.getSingleMetric("sightline_predictions_total")?.get())?.values;
    const byModel = Object.fromEntries((counts ?? []).map((v) => [v.labels.model, v.value]));
    expect(byModel).toEqual({ a: 2, b: 1 });
    expect((await store.listModels()).map((m) => [m.model, m.predictions])).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
  });
});
