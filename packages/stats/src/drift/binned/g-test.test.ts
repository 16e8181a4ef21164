import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { counts, permutedCountPair } from "./count-arbitraries.js";
import { countCases } from "./count-fixture.js";
import { gTest } from "./g-test.js";

// Statistics 1e-9 relative (abs 1e-12 for zero statistics); p-values 1e-6 relative.
describe('gTest matches scipy.stats.power_divergence(lambda_="log-likelihood")', () => {
  for (const c of countCases()) {
    it(c.name, () => {
      const r = gTest(c.reference, c.current);
      expect(r.df).toBe(c.g_test.df);
      expect(isClose(r.statistic, c.g_test.statistic, 1e-9, 1e-12), `${r.statistic}`).toBe(true);
      expect(isClose(r.p_value ?? Number.NaN, c.g_test.p_value, 1e-6), `${r.p_value}`).toBe(true);
    });
  }
});

describe("gTest properties", () => {
  it("gives statistic 0 and p = 1 for identical vectors", () => {
    fc.assert(
      fc.property(counts, (v) => {
        const r = gTest(v, v);
        return Math.abs(r.statistic) < 1e-9 && (r.p_value ?? 0) > 1 - 1e-6;
      }),
    );
  });
  it("is invariant under a consistent permutation of categories", () => {
    fc.assert(
      fc.property(permutedCountPair, (p) =>
        isClose(
          gTest(p.reference, p.current).statistic,
          gTest(p.permutedReference, p.permutedCurrent).statistic,
          1e-9,
          1e-12,
        ),
      ),
    );
  });
});
