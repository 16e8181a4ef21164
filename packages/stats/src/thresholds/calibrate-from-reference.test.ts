import { describe, expect, it } from "vitest";
import { RandomSource } from "../random/random-source.js";
import { calibrateFromReference } from "./calibrate-from-reference.js";

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s / values.length;
}

const absMeanDifference = (r: Float64Array, c: Float64Array) => Math.abs(mean(c) - mean(r));

describe("calibrateFromReference", () => {
  it("compares each chunk with the rest of the reference", () => {
    const calls: Array<[number[], number[]]> = [];
    const t = calibrateFromReference(
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      (r, c) => {
        calls.push([Array.from(r), Array.from(c)]);
        return c[0] as number;
      },
      { currentSize: 5, method: "chunks", rule: { kind: "quantile", q: 1 } },
    );
    expect(calls).toEqual([
      [
        [5, 6, 7, 8, 9, 10],
        [0, 1, 2, 3, 4],
      ],
      [
        [0, 1, 2, 3, 4, 10],
        [5, 6, 7, 8, 9],
      ],
    ]);
    expect(t.threshold).toBe(5);
    expect(t.method).toBe("chunks");
    expect(t.n_chunks).toBe(2);
  });

  it("refuses chunk calibration when the reference holds fewer than two windows", () => {
    expect(() =>
      calibrateFromReference([1, 2, 3], absMeanDifference, { currentSize: 2, method: "chunks" }),
    ).toThrow(/bootstrap/);
  });

  // Fresh windows from the reference's distribution should exceed a 95% bootstrap threshold about 5%
  // of the time (binomial SD over 400 windows ~ 1.1%; bounds 1%..10%), and a 0.25 sd shift nearly
  // always (the threshold is ~ 1.96/sqrt(1000) ~ 0.06 sd).
  it("keeps its nominal false-alarm rate and detects a 0.25 sd shift", () => {
    const random = new RandomSource(99);
    const reference = Float64Array.from({ length: 50_000 }, () => random.normal());
    const m = 1000;
    const t = calibrateFromReference(reference, absMeanDifference, {
      currentSize: m,
      method: "bootstrap",
      rule: { kind: "quantile", q: 0.95 },
      iterations: 400,
      seed: 3,
    });
    let falseAlarms = 0;
    let detections = 0;
    const windows = 400;
    for (let w = 0; w < windows; w++) {
      const same = Float64Array.from({ length: m }, () => random.normal());
      const shifted = Float64Array.from({ length: m }, () => random.normal(0.25));
      if (absMeanDifference(reference, same) > t.threshold) falseAlarms++;
      if (absMeanDifference(reference, shifted) > t.threshold) detections++;
    }
    expect(falseAlarms / windows).toBeGreaterThan(0.01);
    expect(falseAlarms / windows).toBeLessThan(0.1);
    expect(detections / windows).toBeGreaterThan(0.99);
  });

  it("lowers the threshold as windows grow, until the minimum effect takes over", () => {
    const random = new RandomSource(5);
    const reference = Float64Array.from({ length: 20_000 }, () => random.normal());
    const options = { method: "bootstrap", iterations: 200, seed: 1, minEffect: 0.05 } as const;
    const small = calibrateFromReference(reference, absMeanDifference, { ...options, currentSize: 100 });
    const large = calibrateFromReference(reference, absMeanDifference, { ...options, currentSize: 10_000 });
    expect(small.calibrated / large.calibrated).toBeGreaterThan(5);
    expect(small.threshold).toBe(small.calibrated);
    expect(large.threshold).toBe(0.05);
  });
});
