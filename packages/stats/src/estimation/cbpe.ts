import type { BinaryConfusionCounts } from "../metrics/binary-confusion-counts.js";
import { rocAucFromGroups } from "../metrics/roc-auc.js";
import { applyCalibration, type ScoreCalibrator } from "./score-calibrator.js";

/** An estimated metric and the standard deviation of the realised metric around it (see `estimatePerformance`). */
export interface EstimatedMetric {
  value: number;
  standardError: number;
}

/** CBPE estimate for one window of unlabeled predictions. */
export interface PerformanceEstimate {
  /** Rows used. */
  n: number;
  /** Rows left out because the score or probability was not finite. */
  dropped: number;
  /** Expected confusion counts (fractional). */
  expectedConfusion: BinaryConfusionCounts;
  accuracy: EstimatedMetric;
  precision: EstimatedMetric;
  recall: EstimatedMetric;
  f1: EstimatedMetric;
  rocAuc: EstimatedMetric;
}

function hanleyMcNeilStandardError(auc: number, positives: number, negatives: number): number {
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const variance =
    (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) /
    (positives * negatives);
  return Math.sqrt(Math.max(0, variance));
}

/**
 * Confidence-based performance estimation (CBPE), NannyML's method for binary classifiers
 * (https://nannyml.readthedocs.io/en/stable/how_it_works/performance_estimation.html): with calibrated
 * probabilities p_i = P(y_i = 1 | score_i), a row predicted positive (score ≥ threshold) is a true positive
 * with probability p_i and a false positive with 1 − p_i; a row predicted negative is a false negative with
 * p_i and a true negative with 1 − p_i. Summing gives the expected confusion matrix; accuracy, precision,
 * recall and F1 are computed from it (F1 = TP / (TP + (FP + FN)/2), as NannyML). ROC AUC is the area under
 * the expected ROC curve: rows ordered by score, cumulative Σp against Σ(1 − p), trapezoids, tied scores
 * one step (NannyML also rounds the cumulative sums to 5 decimals; we do not).
 *
 * Standard errors, a sampling view (not NannyML's reference-chunk one): if labels are independent
 * Bernoulli(p_i), realised TP and FN are Poisson-binomial sums with variances Σ p(1 − p) over predicted
 * positives and negatives. Accuracy and precision are linear in them (exact variance); recall and F1 by the
 * delta method; ROC AUC by Hanley & McNeil (1982) with the expected class counts. They measure label noise
 * only: a calibration that no longer holds (concept drift) adds bias they do not show.
 *
 * Rows with a non-finite score or probability are dropped and counted in `dropped`. Ratios with a zero
 * expected denominator are 0 (scikit-learn's zero_division default); ROC AUC is NaN without expected
 * positives or negatives.
 *
 * @example
 * const e = estimatePerformanceFromProbabilities([0.9, 0.8, 0.3, 0.1], [0.95, 0.7, 0.4, 0.05], 0.5);
 * e.accuracy.value; // 0.825
 */
export function estimatePerformanceFromProbabilities(
  probabilities: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
): PerformanceEstimate {
  if (probabilities.length !== scores.length)
    throw new RangeError("Probabilities and scores differ in length");
  const rows: WeightedPrediction[] = [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    const p = probabilities[i] as number;
    if (!Number.isFinite(s) || !Number.isFinite(p)) continue;
    if (p < 0 || p > 1) throw new RangeError(`Probability at row ${i} is outside [0, 1]: ${p}`);
    rows.push({ score: s, p, predictedPositive: s >= threshold, count: 1 });
  }
  return estimateFromWeighted(rows, scores.length - rows.length);
}

/** `count` rows sharing one score, calibrated probability and predicted class. */
export interface WeightedPrediction {
  score: number;
  p: number;
  predictedPositive: boolean;
  count: number;
}

/**
 * The CBPE core shared by the per-row and the grouped (`estimatePerformanceFromScoreGroups`) forms: the
 * expected confusion matrix, its standard errors and the expected ROC curve, each entry weighted by its
 * count. Entries must have finite scores and probabilities; `dropped` is reported as given.
 */
export function estimateFromWeighted(entries: WeightedPrediction[], dropped: number): PerformanceEstimate {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let varianceTp = 0;
  let varianceFn = 0;
  let n = 0;
  for (const e of entries) {
    n += e.count;
    if (e.predictedPositive) {
      tp += e.count * e.p;
      fp += e.count * (1 - e.p);
      varianceTp += e.count * e.p * (1 - e.p);
    } else {
      fn += e.count * e.p;
      tn += e.count * (1 - e.p);
      varianceFn += e.count * e.p * (1 - e.p);
    }
  }
  const predictedPositive = tp + fp;
  const positives = tp + fn;
  const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);
  // F1 = 2TP / (TP + m + FN) with m = predicted positives fixed; gradient (2(m + FN), −2TP) / D².
  const d = tp + predictedPositive + fn;
  // Expected ROC curve: groups of tied scores with weights Σp (positives) and Σ(1 − p) (negatives).
  const ordered = [...entries].sort((a, b) => b.score - a.score);
  const positiveWeight: number[] = [];
  const negativeWeight: number[] = [];
  let previous = Number.NaN;
  for (const e of ordered) {
    if (e.score !== previous) {
      positiveWeight.push(0);
      negativeWeight.push(0);
      previous = e.score;
    }
    const g = positiveWeight.length - 1;
    positiveWeight[g] = (positiveWeight[g] as number) + e.count * e.p;
    negativeWeight[g] = (negativeWeight[g] as number) + e.count * (1 - e.p);
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

/**
 * CBPE from raw scores: calibrates them with a calibrator fitted on the reference (`calibrateScores`) and
 * estimates as `estimatePerformanceFromProbabilities`, predicted positive when score ≥ threshold.
 *
 * @example
 * const calibrator = calibrateScores(referenceScores, referenceLabels);
 * estimatePerformance(windowScores, calibrator, 0.5).f1; // { value, standardError }
 */
export function estimatePerformance(
  scores: ArrayLike<number>,
  calibrator: ScoreCalibrator,
  threshold: number,
): PerformanceEstimate {
  return estimatePerformanceFromProbabilities(applyCalibration(calibrator, scores), scores, threshold);
}
