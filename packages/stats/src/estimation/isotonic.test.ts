import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../internal/close.js";
import { loadFixture } from "../internal/fixture.js";
import { isotonicRegression, predictIsotonic } from "./isotonic.js";

interface Case {
  name: string;
  x: number[];
  y: number[];
  weights: number[] | null;
  thresholds_x: number[];
  thresholds_y: number[];
  queries: number[];
  predictions: number[];
}

const cases = loadFixture<Case>("cbpe-isotonic");

describe("isotonicRegression vs sklearn IsotonicRegression(out_of_bounds='clip')", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThanOrEqual(18));
  for (const c of cases) {
    it(c.name, () => {
      const fit = isotonicRegression(c.x, c.y, c.weights ?? undefined);
      expect(fit.x).toEqual(c.thresholds_x);
      expect(fit.y.length).toBe(c.thresholds_y.length);
      fit.y.forEach((v, i) => {
        expect(isClose(v, c.thresholds_y[i] as number), `knot ${i}`).toBe(true);
      });
      c.queries.forEach((q, i) => {
        const got = predictIsotonic(fit, q);
        expect(isClose(got, c.predictions[i] as number), `at ${q}: ${got} vs ${c.predictions[i]}`).toBe(true);
      });
    });
  }

  it("is non-decreasing, within the range of y, and idempotent", () => {
    const rows = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 30 }), fc.double({ min: -5, max: 5, noNaN: true })),
      {
        minLength: 1,
        maxLength: 60,
      },
    );
    fc.assert(
      fc.property(rows, (r) => {
        const x = r.map((v) => v[0]);
        const y = r.map((v) => v[1]);
        const fit = isotonicRegression(x, y);
        const monotone = fit.y.every((v, i) => i === 0 || v >= (fit.y[i - 1] as number));
        const inRange = fit.y.every((v) => v >= Math.min(...y) - 1e-12 && v <= Math.max(...y) + 1e-12);
        const again = isotonicRegression(fit.x, fit.y);
        return monotone && inRange && again.y.every((v, i) => isClose(v, fit.y[i] as number, 1e-12, 1e-12));
      }),
    );
  });

  it("drops non-finite rows and zero weights", () => {
    expect(isotonicRegression([1, Number.NaN, 2, 3], [0, 1, 1, 0.5], [1, 1, 1, 0])).toEqual({
      x: [1, 2],
      y: [0, 1],
    });
  });
});
