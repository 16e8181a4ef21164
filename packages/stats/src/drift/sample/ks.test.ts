import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { type KsMethod, kolmogorovSmirnovTest } from "./ks.js";
import { describeMatchesScipy } from "./scipy-test.case.js";

describeMatchesScipy<KsMethod>({
  title: "kolmogorovSmirnovTest matches SciPy ks_2samp",
  methods: [
    ["ks_auto", "auto"],
    ["ks_exact", "exact"],
    ["ks_asymp", "asymp"],
  ],
  run: (reference, current, method) => kolmogorovSmirnovTest(reference, current, { method }),
});

describe("kolmogorovSmirnovTest edge cases", () => {
  it("drops non-finite values and counts them", () => {
    const r = kolmogorovSmirnovTest([1, Number.NaN, 2, Number.POSITIVE_INFINITY], [1.5, Number.NaN]);
    expect(r.dropped).toEqual([2, 1]);
    expect(r).toEqual({ ...kolmogorovSmirnovTest([1, 2], [1.5]), dropped: [2, 1] });
  });
  it("throws a RangeError naming the empty sample", () => {
    expect(() => kolmogorovSmirnovTest([], [1])).toThrow(/reference/);
    expect(() => kolmogorovSmirnovTest([1], [Number.NaN])).toThrow(/current/);
  });
});

const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 });
const roundedSample = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 40 });

describe("kolmogorovSmirnovTest properties", () => {
  it("identical samples give D = 0 and p = 1", () => {
    fc.assert(
      fc.property(fc.oneof(sample, roundedSample), (x) => {
        const r = kolmogorovSmirnovTest(x, [...x].reverse());
        expect(r.statistic).toBe(0);
        expect(r.p_value).toBe(1);
      }),
    );
  });
  it("is symmetric, bounded and invariant under row order", () => {
    fc.assert(
      fc.property(fc.oneof(sample, roundedSample), fc.oneof(sample, roundedSample), (x, y) => {
        const r = kolmogorovSmirnovTest(x, y);
        const swapped = kolmogorovSmirnovTest(y, x);
        const shuffled = kolmogorovSmirnovTest(
          [...x].reverse(),
          [...y].sort((a, b) => b - a),
        );
        expect(r.statistic).toBeGreaterThanOrEqual(0);
        expect(r.statistic).toBeLessThanOrEqual(1);
        expect(r.p_value).toBeGreaterThanOrEqual(0);
        expect(r.p_value).toBeLessThanOrEqual(1);
        expect(swapped.statistic).toBe(r.statistic);
        expect(isClose(swapped.p_value!, r.p_value!, 1e-12)).toBe(true);
        expect(shuffled).toEqual(r);
      }),
    );
  });
});

describe("kolmogorovSmirnovTest statistic", () => {
  it("equals sup |F_reference - F_current| over the pooled values, with ties within and across samples", () => {
    const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -3, max: 3, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 80 }),
        fc.array(value, { minLength: 1, maxLength: 80 }),
        (x, y) => {
          const cdf = (s: number[], v: number) => s.filter((w) => w <= v).length / s.length;
          const d = Math.max(...[...x, ...y].map((v) => Math.abs(cdf(x, v) - cdf(y, v))));
          expect(kolmogorovSmirnovTest(x, y, { method: "asymp" }).statistic).toBe(d);
        },
      ),
      { numRuns: 200 },
    );
  });
});
