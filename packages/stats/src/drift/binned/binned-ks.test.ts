import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { binnedKs } from "./binned-ks.js";
import { binEdges, histogram } from "./binning.js";
import { continuousCases } from "./continuous-fixture.js";
import { counts, permutedCountPair } from "./count-arbitraries.js";

const datasets = new Map(continuousCases("dataset").map((d) => [d.name, d]));

describe("binnedKs on quantile bins of raw samples vs SciPy", () => {
  for (const c of continuousCases("binned")) {
    it(c.name, () => {
      const data = datasets.get(c.dataset);
      if (data === undefined) throw new Error(`no dataset ${c.dataset}`);
      const cuts = binEdges(data.reference, { bins: c.bins });
      const reference = histogram(data.reference, cuts).counts;
      const current = histogram(data.current, cuts).counts;
      expect(Array.from(reference)).toEqual(c.reference_counts);
      expect(Array.from(current)).toEqual(c.current_counts);
      const r = binnedKs(reference, current);
      // Same algorithm as the NumPy reference: statistic 1e-9, p-value 1e-6 relative.
      expect(isClose(r.statistic, c.binned_ks, 1e-9)).toBe(true);
      expect(isClose(r.p_value ?? Number.NaN, c.binned_ks_p, 1e-6)).toBe(true);
      expect(isClose(r.errorBound, c.ks_bound, 1e-12)).toBe(true);
      // The stated error bound: exact raw-sample KS (scipy ks_2samp) in [D, D + errorBound].
      expect(c.exact_ks).toBeGreaterThanOrEqual(r.statistic - 1e-12);
      expect(c.exact_ks).toBeLessThanOrEqual(r.statistic + r.errorBound + 1e-12);
    });
  }
});

describe("binnedKs properties", () => {
  it("gives D = 0 and p = 1 for identical count vectors", () => {
    fc.assert(
      fc.property(counts, (v) => {
        const r = binnedKs(v, v);
        return r.statistic < 1e-12 && r.p_value === 1;
      }),
    );
  });
  it("stays in [0, 1] and is symmetric", () => {
    fc.assert(
      fc.property(permutedCountPair, ({ reference, current }) => {
        const a = binnedKs(reference, current);
        const b = binnedKs(current, reference);
        return (
          a.statistic >= 0 && a.statistic <= 1 + 1e-12 && isClose(a.statistic, b.statistic, 1e-12, 1e-15)
        );
      }),
    );
  });
  it("uses effective sizes for the p-value when given", () => {
    const plain = binnedKs([10, 20, 30, 40], [40, 30, 20, 10]);
    const smaller = binnedKs([10, 20, 30, 40], [40, 30, 20, 10], { effectiveSizes: [20, 20] });
    expect(smaller.statistic).toBe(plain.statistic);
    expect(smaller.p_value).toBeGreaterThan(plain.p_value ?? 1);
  });
});
