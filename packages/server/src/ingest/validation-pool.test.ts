import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Contract } from "../contract/contract.js";
import { SightlineError } from "../errors.js";
import { IngestMetrics } from "../exporters/ingest-metrics.js";
import { DuckDbStore } from "../store/duckdb/duckdb-store.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";
import { ContractRegistry } from "./contract-registry.js";
import { IngestService } from "./ingest-service.js";
import { parseJsonBatch, parseNdjsonBatch } from "./parse-body.js";
import { validatePredictions } from "./validate-predictions.js";
import { ValidationPool } from "./validation-pool.js";

const nowMs = Date.UTC(2024, 0, 1);
const contract = (max: number): Contract => ({
  model: "m",
  version: "v1",
  rows: 10,
  features: [
    { name: "age", type: "numeric", min: 0, max, categories: null, missingRate: 0, quantiles: null },
  ],
  prediction: null,
  label: null,
  createdMs: 0,
});
const record = (i: number) => ({
  id: `r${i}`,
  version: "v1",
  features: { age: i % 7 === 0 ? -1 : i, city: i % 2 ? "paris" : "lyon" },
  ...(i % 11 === 5 ? {} : { prediction: i % 2 }),
  scores: { "0": 0.25, "1": 0.75 },
  latency_ms: i / 10,
});
const ndjson = (n: number) =>
  `${Array.from({ length: n }, (_, i) => JSON.stringify(record(i))).join("\n")}\n{"id": oops}\n`;

describe("ValidationPool (a real worker thread)", () => {
  const contracts = new ContractRegistry();
  contracts.set(contract(50));
  const pool = new ValidationPool(1, contracts);

  afterAll(() => pool.close());

  it("answers exactly what validation on the event loop gives, contract violations included", async () => {
    const text = ndjson(60);
    const sync = validatePredictions(parseNdjsonBatch(text), "m", nowMs, (v) => contracts.get("m", v));
    const inWorker = await pool.validate("m", text, "ndjson", nowMs);
    expect(inWorker).toEqual(sync);
    expect(inWorker.rejected.length).toBeGreaterThan(1);
    expect(inWorker.accepted.some((a) => a.violations.length > 0)).toBe(true);
  });

  it("checks against a contract set after the worker started", async () => {
    contracts.set(contract(1000));
    const text = JSON.stringify([record(61)]);
    const ageViolations = async () =>
      (await pool.validate("m", text, "json", nowMs)).accepted[0]?.violations.filter(
        (v) => v.field === "features.age",
      );
    expect(await ageViolations()).toEqual([]);
    contracts.set(contract(10));
    expect(await ageViolations()).toEqual([{ field: "features.age", kind: "out_of_range" }]);
    expect(validatePredictions(parseJsonBatch(text), "m", nowMs, (v) => contracts.get("m", v))).toEqual(
      await pool.validate("m", text, "json", nowMs),
    );
  });

  it("rejects a malformed JSON body with the same error as on the event loop", async () => {
    const error = await pool.validate("m", '[{"id": 1}', "json", nowMs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SightlineError);
    expect(error).toMatchObject({ code: "SL_MALFORMED_BODY", status: 400 });
    expect(() => parseJsonBatch('[{"id": 1}')).toThrow((error as Error).message);
  });
});

describe("IngestService with validation workers", () => {
  let dir: string;
  let store: DuckDbStore;
  let ingest: IngestService;
  let metrics: IngestMetrics;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-pool-");
    store = await DuckDbStore.open(dir);
    metrics = new IngestMetrics(() => 0);
    ingest = new IngestService(store, new ContractRegistry(), metrics, {
      maxBatchRecords: 1000,
      maxQueuedRecords: 10_000,
      now: () => nowMs,
      validationWorkers: 1,
      minWorkerBodyChars: 0,
    });
  });

  afterAll(async () => {
    await ingest?.close();
    await store?.close();
    await removeTempDir(dir);
  });

  it("stores a body validated in a worker once, and counts a re-send only once", async () => {
    const text = ndjson(40);
    const first = await ingest.ingestPredictionBody("m", text, "ndjson");
    const again = await ingest.ingestPredictionBody("m", text, "ndjson");
    const expected = validatePredictions(parseNdjsonBatch(text), "m", nowMs, () => undefined);
    expect(first).toEqual({
      accepted: expected.accepted.length,
      ids: expected.accepted.map((a) => a.row.id),
      rejected: expected.rejected,
    });
    expect(again).toEqual(first);
    expect((await store.listModels()).find((m) => m.model === "m")?.predictions).toBe(
      expected.accepted.length,
    );
    const counts = (await metrics.registry.getSingleMetric("sightline_predictions_total")?.get())?.values;
    expect(counts?.map((v) => v.value)).toEqual([expected.accepted.length]);
  });

  it("answers a batch too large for the limit with SL_BATCH_TOO_LARGE", async () => {
    await expect(ingest.ingestPredictionBody("m", ndjson(1200), "ndjson")).rejects.toMatchObject({
      code: "SL_BATCH_TOO_LARGE",
    });
  });

  it("writes concurrent worker-validated bodies, each answered with its own ids", async () => {
    const groups: number[] = [];
    const insert = store.insertPredictions.bind(store);
    const spy = (rows: Parameters<DuckDbStore["insertPredictions"]>[0]) => {
      groups.push(rows.length);
      return insert(rows);
    };
    const gathering = new IngestService(
      { ...store, insertPredictions: spy } as unknown as DuckDbStore,
      new ContractRegistry(),
      undefined,
      {
        maxBatchRecords: 1000,
        maxQueuedRecords: 10_000,
        now: () => nowMs,
        validationWorkers: 1,
        minWorkerBodyChars: 0,
      },
    );
    try {
      const body = (prefix: string) =>
        Array.from({ length: 30 }, (_, i) => JSON.stringify({ ...record(i), id: `${prefix}${i}` })).join(
          "\n",
        );
      const answers = await Promise.all([
        gathering.ingestPredictionBody("gather", body("a"), "ndjson"),
        gathering.ingestPredictionBody("gather", '{"id": oops}\n', "ndjson").catch((e: unknown) => e),
        gathering.ingestPredictionBody("gather", body("b"), "ndjson"),
      ]);
      // record(i) leaves out the prediction when i % 11 === 5: those three of each body are rejected.
      const kept = (prefix: string) =>
        Array.from({ length: 30 }, (_, i) => i)
          .filter((i) => i % 11 !== 5)
          .map((i) => `${prefix}${i}`);
      // One group when both replies reach the event loop together, else one per body: never a row twice.
      expect([[54], [27, 27]]).toContainEqual(groups);
      expect((answers[0] as { ids: string[] }).ids).toEqual(kept("a"));
      expect(answers[1]).toMatchObject({ code: "SL_INVALID_RECORDS" });
      expect((answers[2] as { ids: string[] }).ids).toEqual(kept("b"));
    } finally {
      await gathering.close();
    }
  });
});
