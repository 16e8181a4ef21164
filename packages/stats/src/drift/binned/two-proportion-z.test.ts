import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { countCases } from "./count-fixture.js";
import { twoProportionZ } from "./two-proportion-z.js";

// Against an independent NumPy formula with scipy.stats.norm.sf (itself checked in the fixture
// script against chi2_contingency without correction: z^2 = chi2). z 1e-9 relative, p 1e-6 relative.
describe("twoProportionZ matches NumPy/SciPy", () => {
  const cases = countCases().filter((c) => c.two_proportion_z !== undefined);
  it("has binary cases", () => expect(cases.length).toBeGreaterThan(50));
  for (const c of cases) {
    it(c.name, () => {
      const expected = c.two_proportion_z as { statistic: number; p_value: number };
      const r = twoProportionZ(c.reference, c.current);
      expect(isClose(r.statistic, expected.statistic, 1e-9, 1e-12), `${r.statistic}`).toBe(true);
      expect(isClose(r.p_value ?? Number.NaN, expected.p_value, 1e-6), `${r.p_value}`).toBe(true);
    });
  }
});

const binaryPair = fc
  .tuple(fc.nat(500), fc.nat(500), fc.nat(500), fc.nat(500))
  .filter(([a, b, c, d]) => a + b > 0 && c + d > 0);

describe("twoProportionZ properties", () => {
  it("gives z = 0 and p = 1 for identical vectors", () => {
    fc.assert(
      fc.property(binaryPair, ([a, b]) => {
        const r = twoProportionZ([a, b], [a, b]);
        return Math.abs(r.statistic) < 1e-12 && isClose(r.p_value ?? 0, 1, 1e-12);
      }),
    );
  });
  it("only flips the sign of z when the categories are swapped", () => {
    fc.assert(
      fc.property(binaryPair, ([a, b, c, d]) => {
        const r = twoProportionZ([a, b], [c, d]);
        const s = twoProportionZ([b, a], [d, c]);
        return (
          isClose(r.statistic, -s.statistic, 1e-12, 1e-15) && isClose(r.p_value ?? 0, s.p_value ?? 1, 1e-12)
        );
      }),
    );
  });
  // Regression: shares 481/817 and 458/778 differ by 5e-5, and subtracting them lost the antisymmetry.
  it("flips the sign exactly for nearly equal shares", () => {
    const r = twoProportionZ([336, 481], [320, 458]);
    const s = twoProportionZ([481, 336], [458, 320]);
    expect(r.statistic).toBe(-s.statistic);
  });
  it("needs vectors of length 2", () => {
    expect(() => twoProportionZ([1, 2, 3], [1, 2, 3])).toThrow(RangeError);
  });
});
