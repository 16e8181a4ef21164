import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../internal/close.js";
import { loadFixture } from "../internal/fixture.js";
import { calibration } from "./calibration.js";

interface Case {
  kind: string;
  name: string;
  y_true: number[];
  probabilities: number[];
  n_bins: number;
  fraction_positive: number[];
  mean_predicted: number[];
  counts: number[];
  ece: number;
  mce: number;
}

const cases = loadFixture<Case>("metrics").filter((c) => c.kind === "calibration");

describe("calibration vs sklearn.calibration.calibration_curve (uniform)", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThan(10));
  for (const c of cases) {
    it(c.name, () => {
      const got = calibration(c.y_true, c.probabilities, c.n_bins);
      expect(got.bins.map((b) => b.count)).toEqual(c.counts);
      got.bins.forEach((b, i) => {
        expect(isClose(b.fractionPositive, c.fraction_positive[i] as number)).toBe(true);
        expect(isClose(b.meanPredicted, c.mean_predicted[i] as number)).toBe(true);
      });
      expect(isClose(got.expectedCalibrationError, c.ece)).toBe(true);
      expect(isClose(got.maxCalibrationError, c.mce)).toBe(true);
    });
  }

  it("ECE lies in [0, MCE] and MCE in [0, 1]", () => {
    const rows = fc.array(fc.tuple(fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })), {
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 20 }), (r, bins) => {
        const c = calibration(
          r.map((x) => (x[0] ? 1 : 0)),
          r.map((x) => x[1]),
          bins,
        );
        return (
          c.expectedCalibrationError >= 0 &&
          c.expectedCalibrationError <= c.maxCalibrationError + 1e-12 &&
          c.maxCalibrationError <= 1 &&
          c.bins.reduce((s, b) => s + b.count, 0) === r.length
        );
      }),
    );
  });
});
