import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { continuousCases } from "./continuous-fixture.js";
import { weightedKs } from "./weighted-ks.js";

describe("weightedKs matches NumPy weighted ECDFs and scipy.special.kolmogorov", () => {
  for (const c of continuousCases("weighted")) {
    it(c.name, () => {
      const r = weightedKs(c.reference, c.current, {
        referenceWeights: c.reference_weights,
        currentWeights: c.current_weights,
      });
      // Statistic 1e-9 relative; p-value 1e-6 relative.
      expect(isClose(r.statistic, c.ks, 1e-9), `${r.statistic} vs ${c.ks}`).toBe(true);
      expect(isClose(r.p_value ?? Number.NaN, c.ks_p, 1e-6)).toBe(true);
      if (c.ks_2samp !== undefined) {
        // Unit weights: the statistic of scipy.stats.ks_2samp.
        expect(isClose(weightedKs(c.reference, c.current).statistic, c.ks_2samp, 1e-9)).toBe(true);
      }
    });
  }
  it("gives D = 0 and p = 1 for identical samples", () => {
    expect(weightedKs([3, 1, 2, 2], [2, 3, 1, 2])).toMatchObject({ statistic: 0, p_value: 1 });
  });
});
