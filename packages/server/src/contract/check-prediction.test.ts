import { describe, expect, it } from "vitest";
import { checkPrediction, indexContract } from "./check-prediction.js";
import { learnContract } from "./learn-contract.js";

const contract = learnContract(
  "m",
  "v1",
  [
    {
      name: "age",
      type: "numeric",
      rows: 10,
      missing: 0,
      min: 18,
      max: 90,
      distinct: 10,
      categories: [],
      quantiles: null,
    },
    {
      name: "income",
      type: "numeric",
      rows: 10,
      missing: 2,
      min: 0,
      max: 1e6,
      distinct: 8,
      categories: [],
      quantiles: null,
    },
    {
      name: "city",
      type: "categorical",
      rows: 10,
      missing: 0,
      min: null,
      max: null,
      distinct: 2,
      categories: ["LA", "NYC"],
      quantiles: null,
    },
    {
      name: "vip",
      type: "boolean",
      rows: 10,
      missing: 0,
      min: null,
      max: null,
      distinct: 2,
      categories: ["false", "true"],
      quantiles: null,
    },
    {
      name: "prediction",
      type: "numeric",
      rows: 10,
      missing: 0,
      min: 0,
      max: 1,
      distinct: 2,
      categories: [],
      quantiles: null,
    },
  ],
  0,
);
const index = indexContract(contract);
const good = { age: 30, income: 5, city: "LA", vip: true };

describe("checkPrediction", () => {
  it("learns features but not the prediction column as a feature", () => {
    expect(contract.features.map((f) => f.name)).toEqual(["age", "income", "city", "vip"]);
    expect(contract.prediction?.type).toBe("numeric");
  });
  it("accepts a record that matches the contract", () => {
    expect(checkPrediction(good, 1, { a: 0.25, b: 0.75 }, index)).toEqual([]);
  });
  it.each([
    [{ ...good, age: "30" }, "features.age", "wrong_type"],
    [{ ...good, vip: 1 }, "features.vip", "wrong_type"],
    [{ ...good, city: 3 }, "features.city", "wrong_type"],
    [{ income: 1, city: "LA", vip: true }, "features.age", "missing_feature"],
    [{ ...good, age: null }, "features.age", "missing_feature"],
    [{ ...good, age: "NaN" }, "features.age", "non_finite"],
    [{ ...good, age: "Infinity" }, "features.age", "non_finite"],
    [{ ...good, age: 17.9 }, "features.age", "out_of_range"],
    [{ ...good, age: 90.1 }, "features.age", "out_of_range"],
    [{ ...good, city: "Paris" }, "features.city", "unseen_category"],
    [{ ...good, extra: 1 }, "features.extra", "unknown_feature"],
  ])("flags %j as %s %s", (features, field, kind) => {
    expect(checkPrediction(features, 1, undefined, index)).toEqual([{ field, kind }]);
  });
  it("allows missing values where the reference had them", () => {
    expect(checkPrediction({ ...good, income: null }, 1, undefined, index)).toEqual([]);
  });
  it("flags a prediction of the wrong type", () => {
    expect(checkPrediction(good, "yes", undefined, index)).toEqual([
      { field: "prediction", kind: "wrong_type" },
    ]);
  });
  it("checks probabilities even without a contract", () => {
    expect(checkPrediction({}, 1, { a: 1.2, b: -0.2 }, undefined)).toEqual([
      { field: "scores.a", kind: "score_out_of_range" },
      { field: "scores.b", kind: "score_out_of_range" },
    ]);
    expect(checkPrediction({}, 1, { a: 0.5, b: 0.6 }, undefined)).toEqual([
      { field: "scores", kind: "scores_not_normalised" },
    ]);
    expect(checkPrediction({}, 1, { a: 0.3334, b: 0.3333, c: 0.3333 }, undefined)).toEqual([]);
  });
});
