import {
  estimateFromWeighted,
  type PerformanceEstimate,
  type WeightedPrediction,
} from "../estimation/cbpe.js";
import { predictIsotonic } from "../estimation/isotonic.js";
import type { ScoreCalibrator } from "../estimation/score-calibrator.js";

/** Rows of a window sharing one score and one predicted class: what the store counts per window. */
export interface ScoreGroup {
  score: number;
  /** True when the model predicted the positive class for these rows. */
  predictedPositive: boolean;
  count: number;
}

/**
 * CBPE (NannyML's confidence-based performance estimation) from grouped rows instead of one entry per
 * row: each group's score is calibrated once and weighted by its count, and the predicted class is the
 * model's own (not a score threshold). Gives exactly what `estimatePerformanceFromProbabilities` gives on
 * the expanded rows (same expected confusion matrix, expected ROC curve over distinct scores and
 * standard errors), so a store can count `(score, predicted)` pairs per window in SQL. Groups with a
 * non-finite score or a count ≤ 0 are dropped (`dropped` counts their rows).
 *
 * @example
 * const calibrator = calibrateScores([0.1, 0.4, 0.6, 0.9], [0, 1, 0, 1]);
 * estimatePerformanceFromScoreGroups([{ score: 0.9, predictedPositive: true, count: 10 }], calibrator).precision.value; // 1
 */
export function estimatePerformanceFromScoreGroups(
  groups: readonly ScoreGroup[],
  calibrator: ScoreCalibrator,
): PerformanceEstimate {
  const entries: WeightedPrediction[] = [];
  let dropped = 0;
  for (const g of groups) {
    if (!Number.isFinite(g.score) || !(g.count > 0)) {
      dropped += Math.max(0, g.count);
      continue;
    }
    const p = predictIsotonic(calibrator, g.score);
    entries.push({ score: g.score, p, predictedPositive: g.predictedPositive, count: g.count });
  }
  return estimateFromWeighted(entries, dropped);
}
