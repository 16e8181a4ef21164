import { describe, expect, it } from "vitest";
import { driftColumns } from "../engine/drift/reference-profile.js";
import { checkPrediction, indexContract } from "./check-prediction.js";
import type { ColumnContract, Contract } from "./contract.js";
import { type ColumnSummary, learnContract } from "./learn-contract.js";

function numeric(name: string): ColumnSummary {
  return {
    name,
    type: "numeric",
    rows: 10,
    missing: 0,
    min: 0,
    max: 1,
    distinct: 10,
    categories: [],
    quantiles: null,
  };
}

const summaries = ["distance", "score", "prediction", "label", "id", "timestamp"].map(numeric);

// Regression: a `score` column in the reference (for CBPE) was read as a feature, so every logged
// prediction was flagged as missing it.
describe("reserved reference columns", () => {
  it("keeps score, prediction, label, id and timestamp out of the contract's features", () => {
    const contract = learnContract("m", "v1", summaries, 0);
    expect(contract.features.map((f) => f.name)).toEqual(["distance"]);
    expect(contract.prediction?.name).toBe("prediction");
    expect(contract.label?.name).toBe("label");
    expect(driftColumns(contract).map((c) => c.name)).toEqual(["distance", "prediction", "label"]);
    expect(checkPrediction({ distance: 0.5 }, 1, undefined, indexContract(contract))).toEqual([]);
  });

  it("ignores them in a contract learned before they were reserved", () => {
    const learned = learnContract("m", "v1", summaries, 0);
    const column = (name: string): ColumnContract => ({ ...(learned.features[0] as ColumnContract), name });
    const old: Contract = {
      ...learned,
      features: [column("distance"), column("score"), column("timestamp")],
    };
    expect(checkPrediction({ distance: 0.5 }, 1, undefined, indexContract(old))).toEqual([]);
    expect(driftColumns(old).map((c) => c.name)).toEqual(["distance", "prediction", "label"]);
  });
});
