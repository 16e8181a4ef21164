import { describe, expect, it } from "vitest";
import { continuousCases } from "../drift/binned/continuous-fixture.js";
import { isClose } from "../internal/close.js";
import { kolmogorovSurvival } from "./kolmogorov.js";
import { kstwoSf } from "./kstwo.js";

describe("kolmogorovSurvival matches scipy.special.kolmogorov (1e-9 relative)", () => {
  for (const c of continuousCases("kolmogorov")) {
    it(c.name, () => {
      expect(isClose(kolmogorovSurvival(c.x), c.sf, 1e-9), `${kolmogorovSurvival(c.x)} vs ${c.sf}`).toBe(
        true,
      );
    });
  }
  it("is 1 at or below 0, 0 at infinity, NaN for NaN", () => {
    expect(kolmogorovSurvival(-1)).toBe(1);
    expect(kolmogorovSurvival(Number.POSITIVE_INFINITY)).toBe(0);
    expect(kolmogorovSurvival(Number.NaN)).toBeNaN();
  });
  it("decreases monotonely", () => {
    let previous = 1;
    for (let x = 0.05; x < 4; x += 0.01) {
      const p = kolmogorovSurvival(x);
      expect(p).toBeLessThanOrEqual(previous + 1e-15);
      previous = p;
    }
  });
  it("is the large-n limit of kstwoSf(n, x / sqrt(n)) (error O(1 / sqrt(n)))", () => {
    for (let x = 0.3; x < 3; x += 0.1) {
      const limit = kolmogorovSurvival(x);
      expect(Math.abs(kstwoSf(1e6, x / 1e3) - limit)).toBeLessThan(2e-3);
      expect(Math.abs(kstwoSf(1e4, x / 1e2) - limit)).toBeLessThan(2e-2);
    }
  });
});
