import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RandomSource } from "./random-source.js";
import { shuffle } from "./shuffle.js";

describe("shuffle", () => {
  it("returns a permutation of its input (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer(), (values, seed) => {
        const shuffled = shuffle([...values], new RandomSource(seed));
        expect([...shuffled].sort((x, y) => x - y)).toEqual([...values].sort((x, y) => x - y));
      }),
    );
  });

  it("makes all 6 permutations of 3 items about equally likely", () => {
    const random = new RandomSource(21);
    const counts = new Map<string, number>();
    const n = 60_000;
    for (let i = 0; i < n; i++) {
      const key = shuffle(["a", "b", "c"], random).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // Expected 10,000 each, SD ~ 91; 5 SD bound.
    for (const c of counts.values()) expect(Math.abs(c - 10_000)).toBeLessThan(460);
  });

  it("shuffles typed arrays in place, deterministically per seed", () => {
    const a = Float64Array.from({ length: 50 }, (_, i) => i);
    const b = Float64Array.from({ length: 50 }, (_, i) => i);
    expect(shuffle(a, new RandomSource(2))).toBe(a);
    shuffle(b, new RandomSource(2));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
