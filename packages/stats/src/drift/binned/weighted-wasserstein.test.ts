import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { continuousCases } from "./continuous-fixture.js";
import { weightedWasserstein } from "./weighted-wasserstein.js";

describe("weightedWasserstein matches scipy.stats.wasserstein_distance with weights (1e-9 relative)", () => {
  for (const c of continuousCases("weighted")) {
    it(c.name, () => {
      const r = weightedWasserstein(c.reference, c.current, {
        referenceWeights: c.reference_weights,
        currentWeights: c.current_weights,
      });
      expect(r.p_value).toBeNull();
      expect(isClose(r.statistic, c.wasserstein, 1e-9), `${r.statistic} vs ${c.wasserstein}`).toBe(true);
    });
  }
});

const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 40 });

describe("weightedWasserstein properties", () => {
  it("is 0 for identical samples, symmetric and shift-equivariant", () => {
    fc.assert(
      fc.property(sample, sample, fc.double({ min: -100, max: 100, noNaN: true }), (u, v, shift) => {
        const same = weightedWasserstein(u, u).statistic;
        const ab = weightedWasserstein(u, v).statistic;
        const ba = weightedWasserstein(v, u).statistic;
        const shifted = weightedWasserstein(
          u,
          u.map((x) => x + shift),
        ).statistic;
        return same === 0 && isClose(ab, ba, 1e-9, 1e-9) && isClose(shifted, Math.abs(shift), 1e-6, 1e-6);
      }),
    );
  });
  it("drops non-finite values and says how many", () => {
    const r = weightedWasserstein([0, Number.NaN, 1], [Number.POSITIVE_INFINITY, 0, 1]);
    expect(r.statistic).toBe(0);
    expect(r.dropped).toEqual({ reference: 1, current: 1 });
  });
  it("rejects negative weights", () => {
    expect(() => weightedWasserstein([0, 1], [0], { referenceWeights: [1, -1] })).toThrow(RangeError);
  });
});
