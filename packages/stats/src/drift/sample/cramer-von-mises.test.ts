import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { type CramerVonMisesMethod, cramerVonMisesTest } from "./cramer-von-mises.js";
import { pairwiseSum } from "./pairwise-sum.js";
import { describeMatchesScipy } from "./scipy-test.case.js";

describeMatchesScipy<CramerVonMisesMethod>({
  title: "cramerVonMisesTest matches SciPy cramervonmises_2samp",
  methods: [
    ["cvm", "auto"],
    ["cvm_asymptotic", "asymptotic"],
  ],
  run: (reference, current, method) => cramerVonMisesTest(reference, current, { method }),
  // p = 1 - CDF cancels for p below ~1e-9 (SciPy's own value is noise there: its CDF sums terms
  // to 1e-7 and is "not accurate for x > 4"), so an absolute 1e-14 is allowed on top of 1e-6 relative.
  pValueAbs: 1e-14,
});

describe("cramerVonMisesTest on edge inputs", () => {
  it("needs two values per sample, naming the sample", () => {
    expect(() => cramerVonMisesTest([1, 2], [3, Number.NaN])).toThrow(/current/);
  });
});

const sample = fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 2, maxLength: 25 });

describe("cramerVonMisesTest properties", () => {
  it("identical samples give p = 1", () => {
    fc.assert(
      fc.property(sample, (x) => {
        expect(cramerVonMisesTest(x, [...x].reverse()).p_value).toBe(1);
      }),
      { numRuns: 40 },
    );
  });
  it("is symmetric, bounded and invariant under row order", () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const r = cramerVonMisesTest(x, y);
        const swapped = cramerVonMisesTest(y, x);
        expect(isClose(swapped.statistic, r.statistic, 1e-12, 1e-15)).toBe(true);
        expect(isClose(swapped.p_value!, r.p_value!, 1e-12)).toBe(true);
        expect(r.p_value).toBeGreaterThanOrEqual(0);
        expect(r.p_value).toBeLessThanOrEqual(1);
        expect(cramerVonMisesTest([...x].reverse(), [...y].reverse())).toEqual(r);
      }),
      { numRuns: 40 },
    );
  });
});

/** T from its definition, as SciPy computes it: average ranks of the concatenation, then sums. */
function statisticByDefinition(x: number[], y: number[]): number {
  const pooled = [...x, ...y].sort((a, b) => a - b);
  const rank = (v: number) => {
    const below = pooled.filter((p) => p < v).length;
    const equal = pooled.filter((p) => p === v).length;
    return below + (equal + 1) / 2;
  };
  const deviations = (s: number[]) =>
    pairwiseSum([...s].sort((a, b) => a - b).map((v, i) => (rank(v) - (i + 1)) ** 2));
  const n = x.length;
  const m = y.length;
  const N = n + m;
  const u = n * deviations(x) + m * deviations(y);
  return u / (n * m * N) - (4 * n * m - 1) / (6 * N);
}

describe("cramerVonMisesTest statistic", () => {
  it("equals its definition on samples mixing distinct values and ties, within and across samples", () => {
    const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -3, max: 3, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 2, maxLength: 80 }),
        fc.array(value, { minLength: 2, maxLength: 80 }),
        (x, y) => {
          expect(cramerVonMisesTest(x, y).statistic).toBe(statisticByDefinition(x, y));
        },
      ),
      { numRuns: 200 },
    );
  });
});
