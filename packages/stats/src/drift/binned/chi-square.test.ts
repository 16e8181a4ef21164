import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { chiSquare } from "./chi-square.js";
import { counts, permutedCountPair } from "./count-arbitraries.js";
import { countCases } from "./count-fixture.js";

// Statistics 1e-9 relative; abs 1e-12 because mathematically zero statistics come out as rounding
// noise when expected counts are not exact in binary. p-values 1e-6 relative.
describe("chiSquare matches scipy.stats.chisquare(current, f_exp)", () => {
  const cases = countCases();
  it("has cases", () => expect(cases.length).toBeGreaterThan(100));
  for (const c of cases) {
    it(c.name, () => {
      const r = chiSquare(c.reference, c.current);
      expect(r.df).toBe(c.chi_square.df);
      expect(isClose(r.statistic, c.chi_square.statistic, 1e-9, 1e-12), `${r.statistic}`).toBe(true);
      expect(isClose(r.p_value ?? Number.NaN, c.chi_square.p_value, 1e-6), `${r.p_value}`).toBe(true);
    });
  }
});

describe("chiSquare rules", () => {
  it("gives +Infinity and p = 0 for a category unseen in the reference", () => {
    expect(chiSquare([10, 0, 10], [8, 4, 8])).toEqual({
      statistic: Number.POSITIVE_INFINITY,
      p_value: 0,
      df: 1,
    });
  });
  it("drops categories empty in both windows", () => {
    expect(chiSquare([10, 0, 10], [12, 0, 8])).toEqual(chiSquare([10, 10], [12, 8]));
  });
  it("rejects mismatched or empty vectors", () => {
    expect(() => chiSquare([1, 2], [1])).toThrow(RangeError);
    expect(() => chiSquare([0, 0], [1, 1])).toThrow(RangeError);
    expect(() => chiSquare([1, -1], [1, 1])).toThrow(RangeError);
  });
  it("gives statistic 0 and p = 1 for identical vectors", () => {
    fc.assert(
      fc.property(counts, (v) => {
        const r = chiSquare(v, v);
        return r.statistic < 1e-9 && (r.p_value ?? 0) > 1 - 1e-6;
      }),
    );
  });
  it("is invariant under a consistent permutation of categories", () => {
    fc.assert(
      fc.property(permutedCountPair, (p) => {
        const a = chiSquare(p.reference, p.current);
        const b = chiSquare(p.permutedReference, p.permutedCurrent);
        return (
          isClose(a.statistic, b.statistic, 1e-9, 1e-12) && isClose(a.p_value ?? 0, b.p_value ?? 0, 1e-6)
        );
      }),
    );
  });
});
