import type { PerformanceEstimate } from "../estimation/cbpe.js";
import { predictIsotonic } from "../estimation/isotonic.js";
import type { ScoreCalibrator } from "../estimation/score-calibrator.js";
import { rocAucFromGroups } from "./roc-auc.js";

/** Rows of a window sharing one score and one predicted class: what the store counts per window. */
export interface ScoreGroup {
  score: number;
  /** True when the model predicted the positive class for these rows. */
  predictedPositive: boolean;
  count: number;
}

// Hanley & McNeil (1982) standard error of a ROC AUC, as `estimatePerformanceFromProbabilities`.
function hanleyMcNeilStandardError(auc: number, positives: number, negatives: number): number {
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const variance =
    (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) /
    (positives * negatives);
  return Math.sqrt(Math.max(0, variance));
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
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let varianceTp = 0;
  let varianceFn = 0;
  let dropped = 0;
  const kept: { score: number; p: number; count: number }[] = [];
  for (const g of groups) {
    if (!Number.isFinite(g.score) || !(g.count > 0)) {
      dropped += Math.max(0, g.count);
      continue;
    }
    const p = predictIsotonic(calibrator, g.score);
    kept.push({ score: g.score, p, count: g.count });
    if (g.predictedPositive) {
      tp += g.count * p;
      fp += g.count * (1 - p);
      varianceTp += g.count * p * (1 - p);
    } else {
      fn += g.count * p;
      tn += g.count * (1 - p);
      varianceFn += g.count * p * (1 - p);
    }
  }
  const n = kept.reduce((s, g) => s + g.count, 0);
  const predictedPositive = tp + fp;
  const positives = tp + fn;
  const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);
  const d = tp + predictedPositive + fn;
  kept.sort((a, b) => b.score - a.score);
  const positiveWeight: number[] = [];
  const negativeWeight: number[] = [];
  let previous = Number.NaN;
  for (const g of kept) {
    if (g.score !== previous) {
      positiveWeight.push(0);
      negativeWeight.push(0);
      previous = g.score;
    }
    const last = positiveWeight.length - 1;
    positiveWeight[last] = (positiveWeight[last] as number) + g.count * g.p;
    negativeWeight[last] = (negativeWeight[last] as number) + g.count * (1 - g.p);
  }
  const auc = rocAucFromGroups(positiveWeight, negativeWeight);
  return {
    n,
    dropped,
    expectedConfusion: { tp, fp, tn, fn },
    accuracy: { value: (tp + tn) / n, standardError: Math.sqrt(varianceTp + varianceFn) / n },
    precision: {
      value: ratio(tp, predictedPositive),
      standardError: ratio(Math.sqrt(varianceTp), predictedPositive),
    },
    recall: {
      value: ratio(tp, positives),
      standardError: ratio(Math.sqrt(fn * fn * varianceTp + tp * tp * varianceFn), positives * positives),
    },
    f1: {
      value: ratio(2 * tp, d),
      standardError: ratio(
        2 * Math.sqrt((predictedPositive + fn) ** 2 * varianceTp + tp * tp * varianceFn),
        d * d,
      ),
    },
    rocAuc: {
      value: auc,
      standardError: Number.isNaN(auc)
        ? Number.NaN
        : hanleyMcNeilStandardError(auc, positives, n - positives),
    },
  };
}
