import { describe, expect, it } from "vitest";
import { RandomSource } from "../random/random-source.js";
import { bootstrapStatistics } from "./bootstrap-statistics.js";

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s / values.length;
}

function sd(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += ((values[i] as number) - m) ** 2;
  return Math.sqrt(s / (values.length - 1));
}

const meanDifference = (r: Float64Array, c: Float64Array) => mean(c) - mean(r);
const random = new RandomSource(123);
const reference = Float64Array.from({ length: 2000 }, () => random.normal());
const referenceSd = sd(reference) * Math.sqrt((reference.length - 1) / reference.length);

describe("bootstrapStatistics", () => {
  it("is deterministic per seed", () => {
    const a = bootstrapStatistics(reference, 100, meanDifference, { iterations: 20, seed: 4 });
    const b = bootstrapStatistics(reference, 100, meanDifference, { iterations: 20, seed: 4 });
    const c = bootstrapStatistics(reference, 100, meanDifference, { iterations: 20, seed: 5 });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  // The bootstrap sd of a mean difference is sigma/sqrt(m) (the reference held fixed), or
  // sigma*sqrt(1/n + 1/m) when the reference is resampled too. With 1000 draws the sd estimate has a
  // relative standard error of ~2.2%; the bounds are 10%.
  it("has the noise of a window of the current size", () => {
    for (const m of [100, 2000]) {
      const draws = bootstrapStatistics(reference, m, meanDifference, { iterations: 1000, seed: 1 });
      expect(Math.abs(sd(draws) / (referenceSd / Math.sqrt(m)) - 1)).toBeLessThan(0.1);
    }
  });

  it("adds the reference's own noise when resampleReference is set", () => {
    const n = reference.length;
    const draws = bootstrapStatistics(reference, n, meanDifference, {
      iterations: 1000,
      seed: 2,
      resampleReference: true,
    });
    expect(Math.abs(sd(draws) / (referenceSd * Math.sqrt(2 / n)) - 1)).toBeLessThan(0.1);
  });

  it("drops non-finite reference values and rejects bad sizes", () => {
    const seen: number[] = [];
    bootstrapStatistics([1, Number.NaN, 2, Number.POSITIVE_INFINITY], 50, (r, c) => {
      seen.push(r.length, ...c);
      return 0;
    });
    expect(seen.every((v) => v === 1 || v === 2)).toBe(true);
    expect(() => bootstrapStatistics([1, 2], 0, meanDifference)).toThrow(RangeError);
    expect(() => bootstrapStatistics([Number.NaN], 5, meanDifference)).toThrow(RangeError);
  });
});
