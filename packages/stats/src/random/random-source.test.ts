import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RandomSource } from "./random-source.js";

describe("RandomSource", () => {
  it("is deterministic per seed and differs between seeds", () => {
    const a = new RandomSource(42);
    const b = new RandomSource(42);
    const c = new RandomSource(43);
    const seqA = Array.from({ length: 20 }, () => a.uniform());
    const seqB = Array.from({ length: 20 }, () => b.uniform());
    const seqC = Array.from({ length: 20 }, () => c.uniform());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it("draws uniforms in [0, 1) with mean 1/2 and variance 1/12", () => {
    const random = new RandomSource(1);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const u = random.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      sumSq += u * u;
    }
    const mean = sum / n;
    // Standard errors: sqrt(1/12/n) ~ 0.0009 for the mean; 5 SE bounds.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0046);
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it("draws integers within the bounds, each value about equally often", () => {
    const random = new RandomSource(9);
    const counts = [0, 0, 0, 0, 0, 0];
    const n = 60_000;
    for (let i = 0; i < n; i++) {
      const k = random.integer(1, 6);
      counts[k - 1] = (counts[k - 1] ?? 0) + 1;
    }
    // Expected 10,000 each, SD ~ 91; 5 SD bound.
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(460);
  });

  it("draws normals with the requested mean and sd", () => {
    const random = new RandomSource(3);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = random.normal(10, 2);
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / n;
    const sd = Math.sqrt(sumSq / n - mean * mean);
    expect(Math.abs(mean - 10)).toBeLessThan(5 * (2 / Math.sqrt(n)));
    expect(Math.abs(sd - 2)).toBeLessThan(0.03);
  });

  it("rejects invalid arguments", () => {
    expect(() => new RandomSource(1.5)).toThrow(RangeError);
    expect(() => new RandomSource(1).integer(3, 2)).toThrow(RangeError);
  });

  it("keeps integers in range for any bounds (property)", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.nat(1000), (seed, min, span) => {
        const random = new RandomSource(seed);
        const k = random.integer(min, min + span);
        return Number.isInteger(k) && k >= min && k <= min + span;
      }),
    );
  });
});

describe("RandomSource seeding", () => {
  // Consecutive small seeds must give independent-looking streams from their first draws on: the
  // z-scores of the mean of the first 100 uniforms over seeds 1..2000 should be ~N(0, 1), so their
  // mean has a standard error of 1/sqrt(2000) ~ 0.022 (bound: 4 SE) and their variance is ~1.
  it("gives unbiased first draws for consecutive small seeds", () => {
    const z: number[] = [];
    for (let seed = 1; seed <= 2000; seed++) {
      const random = new RandomSource(seed);
      let sum = 0;
      for (let i = 0; i < 100; i++) sum += random.uniform();
      z.push((sum / 100 - 0.5) / Math.sqrt(1 / 12 / 100));
    }
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / (z.length - 1);
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(2000));
    expect(Math.abs(variance - 1)).toBeLessThan(0.15);
  });
});
