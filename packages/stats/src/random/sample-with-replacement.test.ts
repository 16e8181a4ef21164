import { describe, expect, it } from "vitest";
import { RandomSource } from "./random-source.js";
import { sampleWithReplacement } from "./sample-with-replacement.js";

describe("sampleWithReplacement", () => {
  it("draws only values of the source, deterministically per seed", () => {
    const values = [1, 2, 3, 4, 5];
    const a = sampleWithReplacement(values, 1000, new RandomSource(5));
    const b = sampleWithReplacement(values, 1000, new RandomSource(5));
    expect(Array.from(a)).toEqual(Array.from(b));
    for (const x of a) expect(values).toContain(x);
  });

  it("draws each element with probability 1/n", () => {
    const values = Float64Array.from({ length: 10 }, (_, i) => i);
    const sample = sampleWithReplacement(values, 100_000, new RandomSource(11));
    const counts = new Array<number>(10).fill(0);
    for (const x of sample) counts[x] = (counts[x] ?? 0) + 1;
    // Expected 10,000 each, SD ~ 95; 5 SD bound.
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(475);
  });

  it("handles size 0 and rejects sampling from nothing", () => {
    expect(sampleWithReplacement([], 0, new RandomSource(1)).length).toBe(0);
    expect(() => sampleWithReplacement([], 3, new RandomSource(1))).toThrow(RangeError);
  });
});
