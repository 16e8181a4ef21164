import { describe, expect, it } from "vitest";
import type { WindowOperations } from "../../store/window-store.js";
import { stuckOutput } from "./stuck-output.js";

const base: WindowOperations = {
  fromMs: 0,
  rows: 500,
  errors: 0,
  latencyCount: 0,
  latencyMs: null,
  scoreCount: 0,
  scoreMean: null,
  scoreStd: null,
  scoreMin: null,
  scoreMax: null,
  scoreQuantiles: null,
  scoreHistogram: [],
  predictionCount: 500,
  predictionStd: 0.4,
  rowsWithViolations: 0,
};

describe("stuck-output rule", () => {
  it("flags a constant score, and not a varying one or too few rows", () => {
    expect(stuckOutput({ ...base, scoreCount: 500, scoreStd: 0 }, undefined, null, null).stuck).toBe(true);
    expect(stuckOutput({ ...base, scoreCount: 500, scoreStd: 0.01 }, undefined, null, null).stuck).toBe(
      false,
    );
    expect(
      stuckOutput({ ...base, scoreCount: 10, scoreStd: 0, predictionCount: 10 }, undefined, null, null).stuck,
    ).toBe(false);
  });

  it("flags one class over 99% only when the reference had no such class", () => {
    const classes = { fromMs: 0, counts: { a: 498, b: 2 } };
    expect(stuckOutput(base, classes, 0.6, null)).toMatchObject({
      stuck: true,
      basis: "class",
      value: 0.996,
    });
    expect(stuckOutput(base, classes, 0.995, null).stuck).toBe(false);
    expect(stuckOutput(base, { fromMs: 0, counts: { a: 450, b: 50 } }, 0.6, null).stuck).toBe(false);
  });

  it("flags a constant numeric prediction when the reference's varied", () => {
    expect(stuckOutput({ ...base, predictionStd: 0 }, undefined, null, 1.2).stuck).toBe(true);
    expect(stuckOutput({ ...base, predictionStd: 0 }, undefined, null, 0).stuck).toBe(false);
  });
});
