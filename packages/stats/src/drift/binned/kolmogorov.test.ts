import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { continuousCases } from "./continuous-fixture.js";
import { kolmogorovSurvival } from "./kolmogorov.js";

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
});
