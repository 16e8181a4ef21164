import { describe, expect, it } from "vitest";
import { indexContract } from "../contract/check-prediction.js";
import type { Contract } from "../contract/contract.js";
import { parseNdjsonBatch } from "./parse-body.js";
import { fromPredictionColumns, toPredictionColumns } from "./prediction-columns.js";
import { validatePredictions } from "./validate-predictions.js";

const nowMs = Date.UTC(2024, 0, 1);
const contract: Contract = {
  model: "m",
  version: "v1",
  rows: 10,
  features: [
    { name: "age", type: "numeric", min: 0, max: 100, categories: null, missingRate: 0, quantiles: null },
  ],
  prediction: null,
  label: null,
  createdMs: 0,
};

const lines = [
  {
    id: "a",
    version: "v1",
    features: { age: 30 },
    prediction: 1,
    scores: { "0": 0.3, "1": 0.7 },
    latency_ms: 2,
  },
  { id: "b", version: "v1", features: { age: -5, x: null }, prediction: "cat", tags: { region: "eu" } },
  { id: "c", features: { age: 1 }, error: "timeout", trace_id: "0AF7651916CD43DD8448EB211C80319C" },
  { id: "d", features: { age: 1 }, prediction: true, timestamp: "2023-05-06T07:08:09Z", run_id: "run 1" },
  { id: "e", features: { age: 1 } },
];
const text = `${lines.map((l) => JSON.stringify(l)).join("\n")}\n{broken\n`;

describe("prediction columns", () => {
  it("rebuild exactly the rows, violations and rejections they were made from", () => {
    const index = indexContract(contract);
    const validated = validatePredictions(parseNdjsonBatch(text), "m", nowMs, (v) =>
      v === "v1" ? index : undefined,
    );
    // The fixture covers nulls and non-nulls of every nullable column, and both kinds of rejection.
    expect(validated.accepted.map((a) => a.row.id)).toEqual(["a", "b", "c", "d"]);
    expect(validated.rejected.map((r) => [r.index, r.field])).toEqual([
      [4, "prediction"],
      [5, "$"],
    ]);
    expect(validated.accepted[1]?.violations.length).toBeGreaterThan(0);
    const columns = toPredictionColumns(validated, "m", nowMs);
    expect(fromPredictionColumns(structuredClone(columns))).toEqual(validated);
  });

  it("keep a batch with nothing accepted", () => {
    const validated = validatePredictions(parseNdjsonBatch("{}\n"), "m", nowMs, () => undefined);
    expect(fromPredictionColumns(toPredictionColumns(validated, "m", nowMs))).toEqual(validated);
    expect(validated.records).toBe(1);
  });
});
