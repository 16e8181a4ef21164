import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { countPair, counts, permutedCountPair } from "./count-arbitraries.js";
import { countCases } from "./count-fixture.js";
import { psi } from "./psi.js";

// Statistics 1e-9 relative; abs 1e-12 because mathematically zero distances come out as rounding noise.
describe("psi matches the reference (Evidently's formula in NumPy)", () => {
  for (const c of countCases()) {
    it(c.name, () => {
      const r = psi(c.reference, c.current);
      expect(r.p_value).toBeNull();
      expect(isClose(r.statistic, c.psi, 1e-9, 1e-12), `${r.statistic} vs ${c.psi}`).toBe(true);
    });
  }
});

describe("psi properties", () => {
  it("is 0 for identical vectors", () => {
    fc.assert(fc.property(counts, (v) => Math.abs(psi(v, v).statistic) < 1e-12));
  });
  it("is non-negative", () => {
    fc.assert(
      fc.property(countPair, ({ reference, current }) => {
        const d = psi(reference, current).statistic;
        return d >= 0 && Number.isFinite(d);
      }),
    );
  });
  it("is invariant under a consistent permutation of categories", () => {
    fc.assert(
      fc.property(permutedCountPair, (p) =>
        isClose(
          psi(p.reference, p.current).statistic,
          psi(p.permutedReference, p.permutedCurrent).statistic,
          1e-9,
          1e-12,
        ),
      ),
    );
  });
  it("is symmetric", () => {
    fc.assert(
      fc.property(countPair, ({ reference, current }) =>
        isClose(psi(reference, current).statistic, psi(current, reference).statistic, 1e-12, 1e-15),
      ),
    );
  });
});

describe("psi smoothing", () => {
  it("uses the epsilon option for empty cells", () => {
    // Reference shares [0.5, 0.5], current [0 -> eps, 1]: the PSI sum written out.
    const eps = 1e-3;
    const expected = (eps - 0.5) * Math.log(eps / 0.5) + (1 - 0.5) * Math.log(1 / 0.5);
    expect(psi([5, 5], [0, 10], { epsilon: eps }).statistic).toBeCloseTo(expected, 12);
    expect(() => psi([5, 5], [0, 10], { epsilon: 0 })).toThrow(RangeError);
  });
});
