import type { ClassLabel } from "../metrics/class-label.js";
import { type IsotonicFit, isotonicRegression, predictIsotonic } from "./isotonic.js";

/** Maps a binary classifier's score to a calibrated probability of the positive class. Plain data. */
export type ScoreCalibrator = IsotonicFit;

/**
 * Fits an isotonic calibrator on labeled reference data: P(positive | score), as NannyML's CBPE does
 * (scikit-learn `IsotonicRegression(out_of_bounds="clip")` of the label on the score). A row is positive
 * when its label equals `positiveLabel` (default 1). Rows with a non-finite score are left out.
 *
 * @example
 * const calibrator = calibrateScores([0.1, 0.4, 0.6, 0.9], [0, 1, 0, 1]);
 * applyCalibration(calibrator, [0.5]); // Float64Array [0.5]
 */
export function calibrateScores(
  referenceScores: ArrayLike<number>,
  referenceLabels: ArrayLike<ClassLabel>,
  positiveLabel: ClassLabel = 1,
): ScoreCalibrator {
  if (referenceScores.length !== referenceLabels.length)
    throw new RangeError("Scores and labels differ in length");
  const y = Float64Array.from({ length: referenceLabels.length }, (_, i) =>
    referenceLabels[i] === positiveLabel ? 1 : 0,
  );
  return isotonicRegression(referenceScores, y);
}

/**
 * Calibrated probabilities for scores (clipped to the reference range at the ends).
 *
 * @example
 * applyCalibration({ x: [0, 1], y: [0.1, 0.9] }, [0.5, 2]); // Float64Array [0.5, 0.9]
 */
export function applyCalibration(calibrator: ScoreCalibrator, scores: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: scores.length }, (_, i) =>
    predictIsotonic(calibrator, scores[i] as number),
  );
}
