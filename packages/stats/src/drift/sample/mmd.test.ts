import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { loadFixture } from "../../internal/fixture.js";
import { mmdTest } from "./mmd.js";

interface MmdCase {
  name: string;
  reference: number[];
  current: number[];
  median_bandwidth: number;
  results: { bandwidth: number; unbiased: number; biased: number }[];
}

const cases = loadFixture<MmdCase>("drift_sample_mmd");

describe("mmdTest statistic matches an independent NumPy computation", () => {
  for (const c of cases) {
    it(c.name, () => {
      const median = mmdTest(c.reference, c.current, { permutations: 0 });
      expect(isClose(median.bandwidth, c.median_bandwidth, 1e-12), `σ ${median.bandwidth}`).toBe(true);
      for (const e of c.results) {
        for (const estimator of ["unbiased", "biased"] as const) {
          const r = mmdTest(c.reference, c.current, { permutations: 0, bandwidth: e.bandwidth, estimator });
          // Sums of up to ~10^4 kernel values in a different order: 1e-9 relative plus 1e-13 absolute
          // (MMD² cancels to ~0 for similar samples).
          expect(isClose(r.statistic, e[estimator], 1e-9, 1e-13), `${estimator} ${r.statistic}`).toBe(true);
          expect(r.p_value).toBeNull();
        }
      }
    });
  }
  it("throws a RangeError naming a sample with fewer than two finite values", () => {
    expect(() => mmdTest([1], [1, 2])).toThrow(/reference/);
    expect(() => mmdTest([1, 2], [1, Number.NaN])).toThrow(/current/);
  });
});

const sample = fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 2, maxLength: 20 });

describe("mmdTest properties", () => {
  it("is deterministic for a seed; p in [1/(P+1), 1]; biased MMD² of identical samples is 0", () => {
    fc.assert(
      fc.property(sample, sample, fc.integer({ min: 0, max: 1000 }), (x, y, seed) => {
        const options = { permutations: 19, seed };
        const r = mmdTest(x, y, options);
        expect(mmdTest(x, y, options)).toEqual(r);
        expect(r.p_value).toBeGreaterThanOrEqual(1 / 20);
        expect(r.p_value).toBeLessThanOrEqual(1);
        const same = mmdTest(x, [...x].reverse(), { permutations: 0, estimator: "biased" });
        expect(Math.abs(same.statistic)).toBeLessThan(1e-12);
      }),
      { numRuns: 30 },
    );
  });
  it("statistic is symmetric and invariant under row order (no subsampling)", () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const r = mmdTest(x, y, { permutations: 0 });
        expect(isClose(mmdTest(y, x, { permutations: 0 }).statistic, r.statistic, 1e-9, 1e-12)).toBe(true);
        const shuffled = mmdTest([...x].reverse(), [...y].reverse(), { permutations: 0 });
        expect(isClose(shuffled.statistic, r.statistic, 1e-9, 1e-12)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
  it("detects a large shift with the smallest possible p-value and subsamples to the cap", () => {
    const x = Array.from({ length: 3000 }, (_, i) => Math.sin(i) * 0.5);
    const y = x.map((v) => v + 3);
    const r = mmdTest(x, y, { permutations: 49, maxPerSample: 200, seed: 7 });
    expect(r.used).toEqual([200, 200]);
    expect(r.p_value).toBe(1 / 50);
    const null_ = mmdTest(x, x.slice().reverse(), { permutations: 49, maxPerSample: 200, seed: 7 });
    expect(null_.p_value!).toBeGreaterThan(0.05);
  });
});
