import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { countPair, counts, permutedCountPair } from "./count-arbitraries.js";
import { countCases } from "./count-fixture.js";
import { klDivergence } from "./kl-divergence.js";

// Statistics 1e-9 relative; abs 1e-12 because mathematically zero distances come out as rounding noise.
describe("klDivergence matches the reference (scipy.stats.entropy on floored proportions)", () => {
  for (const c of countCases()) {
    it(c.name, () => {
      const r = klDivergence(c.reference, c.current);
      expect(r.p_value).toBeNull();
      expect(isClose(r.statistic, c.kl_divergence, 1e-9, 1e-12), `${r.statistic} vs ${c.kl_divergence}`).toBe(
        true,
      );
    });
  }
});

describe("klDivergence properties", () => {
  it("is 0 for identical vectors", () => {
    fc.assert(fc.property(counts, (v) => Math.abs(klDivergence(v, v).statistic) < 1e-12));
  });
  it("is non-negative", () => {
    fc.assert(
      fc.property(countPair, ({ reference, current }) => {
        const d = klDivergence(reference, current).statistic;
        return d >= 0 && Number.isFinite(d);
      }),
    );
  });
  it("is invariant under a consistent permutation of categories", () => {
    fc.assert(
      fc.property(permutedCountPair, (p) =>
        isClose(
          klDivergence(p.reference, p.current).statistic,
          klDivergence(p.permutedReference, p.permutedCurrent).statistic,
          1e-9,
          1e-12,
        ),
      ),
    );
  });
});
