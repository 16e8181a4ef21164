import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { type MannWhitneyMethod, mannWhitneyUTest } from "./mann-whitney.js";
import { describeMatchesScipy } from "./scipy-test.case.js";

describeMatchesScipy<MannWhitneyMethod>({
  title: "mannWhitneyUTest matches SciPy mannwhitneyu (two-sided)",
  methods: [
    ["mwu_auto", "auto"],
    ["mwu_asymptotic", "asymptotic"],
    ["mwu_exact", "exact"],
  ],
  run: (reference, current, method) => mannWhitneyUTest(reference, current, { method }),
});

describe("mannWhitneyUTest on edge inputs", () => {
  it("throws a RangeError naming the empty sample", () => {
    expect(() => mannWhitneyUTest([Number.NaN], [1])).toThrow(/reference/);
  });
});

const sample = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 30 });

describe("mannWhitneyUTest properties", () => {
  it("identical samples give U = n^2/2 and p = 1", () => {
    fc.assert(
      fc.property(sample, (x) => {
        const r = mannWhitneyUTest(x, [...x].reverse());
        expect(r.statistic).toBe((x.length * x.length) / 2);
        expect(r.p_value).toBe(1);
      }),
    );
  });
  it("is symmetric (U1 + U2 = n1 n2, same p), bounded and invariant under row order", () => {
    fc.assert(
      fc.property(
        sample,
        sample,
        fc.constantFrom<MannWhitneyMethod>("auto", "asymptotic"),
        (x, y, method) => {
          const r = mannWhitneyUTest(x, y, { method });
          const swapped = mannWhitneyUTest(y, x, { method });
          expect(r.statistic + swapped.statistic).toBe(x.length * y.length);
          expect(isClose(swapped.p_value!, r.p_value!, 1e-12)).toBe(true);
          expect(r.p_value).toBeGreaterThanOrEqual(0);
          expect(r.p_value).toBeLessThanOrEqual(1);
          expect(
            mannWhitneyUTest(
              [...x].reverse(),
              [...y].sort((a, b) => a - b),
              { method },
            ),
          ).toEqual(r);
        },
      ),
    );
  });
});
