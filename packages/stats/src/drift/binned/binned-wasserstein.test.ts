import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { binnedWasserstein } from "./binned-wasserstein.js";
import { continuousCases } from "./continuous-fixture.js";

describe("binnedWasserstein vs scipy.stats.wasserstein_distance", () => {
  for (const c of continuousCases("binned")) {
    it(c.name, () => {
      const midpoints = binnedWasserstein(c.reference_counts, c.current_counts, {
        cuts: c.cuts,
        range: c.range,
      });
      const means = binnedWasserstein(c.reference_counts, c.current_counts, {
        cuts: c.cuts,
        range: c.range,
        referenceMeans: c.reference_means,
        currentMeans: c.current_means,
      });
      // Same representative points and weights as the SciPy call: 1e-9 relative.
      expect(isClose(midpoints.statistic, c.binned_wasserstein_midpoints, 1e-9)).toBe(true);
      expect(isClose(means.statistic, c.binned_wasserstein_means, 1e-9)).toBe(true);
      expect(isClose(midpoints.errorBound ?? Number.NaN, c.wasserstein_bound, 1e-9)).toBe(true);
      // The stated bound against the exact raw-sample distance holds for both representatives.
      const bound = (midpoints.errorBound ?? 0) + 1e-12;
      expect(Math.abs(midpoints.statistic - c.exact_wasserstein)).toBeLessThanOrEqual(bound);
      expect(Math.abs(means.statistic - c.exact_wasserstein)).toBeLessThanOrEqual(bound);
    });
  }
});

describe("binnedWasserstein rules", () => {
  it("is the distance between midpoints for single-bin masses", () => {
    const r = binnedWasserstein([1, 0, 0], [0, 0, 1], { cuts: [1, 2], range: [0, 3] });
    expect(r.statistic).toBe(2);
    expect(r.errorBound).toBe(1);
  });
  it("without a range, takes open outer bins as wide as their neighbours", () => {
    const r = binnedWasserstein([1, 0, 0, 0], [0, 0, 0, 1], { cuts: [0, 2, 4] });
    // Outer bins as wide as their neighbours: [-2, 0] and [4, 6], midpoints -1 and 5.
    expect(r.statistic).toBe(6);
    expect(r.errorBound).toBeNull();
  });
  it("needs a range or means when an outer bin cannot be placed", () => {
    expect(() => binnedWasserstein([1, 1], [1, 2], { cuts: [0] })).toThrow(RangeError);
    expect(
      binnedWasserstein([1, 1], [1, 1], { cuts: [0], referenceMeans: [-1, 1], currentMeans: [-1, 1] })
        .statistic,
    ).toBe(0);
  });
  it("rejects counts that do not fit the cuts", () => {
    expect(() => binnedWasserstein([1, 1], [1, 1], { cuts: [0, 1] })).toThrow(RangeError);
  });
});
