import { describe, expect, it } from "vitest";
import { isClose } from "../internal/close.js";
import { loadFixture } from "../internal/fixture.js";
import { applyCalibration, calibrateScores } from "./score-calibrator.js";

interface Sample {
  kind: string;
  scores: number[];
  labels: number[];
  calibrator_x?: number[];
  calibrator_y?: number[];
  calibrated?: number[];
}

const samples = loadFixture<Sample>("cbpe");
const reference = samples.find((c) => c.kind === "reference")!;
const windows = samples.filter((c) => c.kind === "chunk");

describe("calibrateScores vs sklearn IsotonicRegression(out_of_bounds='clip') on the CBPE reference", () => {
  const calibrator = calibrateScores(reference.scores, reference.labels);

  it("has the same knots", () => {
    expect(calibrator.x).toEqual(reference.calibrator_x);
    calibrator.y.forEach((v, i) => {
      expect(isClose(v, reference.calibrator_y![i] as number)).toBe(true);
    });
  });

  it("calibrates every window score as sklearn's predict", () => {
    let compared = 0;
    for (const w of windows) {
      const p = applyCalibration(calibrator, w.scores);
      p.forEach((v, i) => {
        expect(isClose(v, w.calibrated![i] as number, 1e-9, 1e-15)).toBe(true);
        compared++;
      });
    }
    expect(compared).toBe(5000);
  });

  it("uses positiveLabel", () => {
    const a = calibrateScores([0.1, 0.5, 0.9], ["no", "yes", "yes"], "yes");
    expect(a).toEqual({ x: [0.1, 0.5, 0.9], y: [0, 1, 1] });
  });
});
