import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { energyDistance } from "./energy-distance.js";
import { driftSampleCases, expectation, isError } from "./test-fixture.js";
import { normalizedWassersteinDistance, wassersteinDistance } from "./wasserstein.js";

const cases = driftSampleCases();

describe("wassersteinDistance and energyDistance match SciPy", () => {
  for (const c of cases) {
    it(c.name, () => {
      const w = expectation<number>(c, "wasserstein");
      const en = expectation<number>(c, "energy");
      const wn = expectation<number>(c, "wasserstein_normalized");
      if (w === undefined || en === undefined || wn === undefined) throw new Error("fixture incomplete");
      if (isError(w) || isError(en) || isError(wn)) {
        expect(() => wassersteinDistance(c.reference, c.current)).toThrow(RangeError);
        return;
      }
      const rw = wassersteinDistance(c.reference, c.current);
      expect(rw.p_value).toBeNull();
      expect(isClose(rw.statistic, w, 1e-9), `W ${rw.statistic}`).toBe(true);
      expect(isClose(energyDistance(c.reference, c.current).statistic, en, 1e-9)).toBe(true);
      expect(isClose(normalizedWassersteinDistance(c.reference, c.current).statistic, wn, 1e-9)).toBe(true);
      const weights = c.expected.weights;
      if (weights === undefined) return;
      const ww = expectation<number>(c, "wasserstein_weighted") as number;
      const ew = expectation<number>(c, "energy_weighted") as number;
      // Weights of NaN values are dropped with them, as the fixture drops them on the SciPy side.
      const full = (values: number[], finiteWeights: number[]): number[] => {
        let k = 0;
        return values.map((v) => (Number.isFinite(v) ? finiteWeights[k++]! : 1));
      };
      const sw = {
        reference: full(c.reference, weights.reference),
        current: full(c.current, weights.current),
      };
      expect(isClose(wassersteinDistance(c.reference, c.current, sw).statistic, ww, 1e-9)).toBe(true);
      expect(isClose(energyDistance(c.reference, c.current, sw).statistic, ew, 1e-9)).toBe(true);
    });
  }
  it("rejects invalid weights and empty samples with a RangeError", () => {
    expect(() => wassersteinDistance([1, 2], [3], { reference: [1] })).toThrow(RangeError);
    expect(() => wassersteinDistance([1, 2], [3], { reference: [1, -1] })).toThrow(RangeError);
    expect(() => energyDistance([1, 2], [3], { current: [0] })).toThrow(/current/);
    expect(() => energyDistance([], [3])).toThrow(/reference/);
  });
});

const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 30 });

describe("distance properties", () => {
  it("identical samples are at distance 0; distances are symmetric, >= 0, row-order invariant", () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        expect(wassersteinDistance(x, [...x].reverse()).statistic).toBe(0);
        expect(energyDistance(x, [...x].reverse()).statistic).toBe(0);
        for (const f of [wassersteinDistance, energyDistance]) {
          const r = f(x, y).statistic;
          expect(r).toBeGreaterThanOrEqual(0);
          expect(isClose(f(y, x).statistic, r, 1e-12, 1e-12)).toBe(true);
          expect(isClose(f([...x].reverse(), [...y].reverse()).statistic, r, 1e-12, 1e-12)).toBe(true);
        }
      }),
    );
  });
  it("Wasserstein of a shift is the shift", () => {
    fc.assert(
      fc.property(sample, fc.double({ min: -100, max: 100, noNaN: true }), (x, shift) => {
        const r = wassersteinDistance(
          x,
          x.map((v) => v + shift),
        ).statistic;
        expect(isClose(r, Math.abs(shift), 1e-9, 1e-9)).toBe(true);
      }),
    );
  });
});
