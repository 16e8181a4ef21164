import { assertSameLength } from "./class-label.js";

/**
 * Average precision from score bins (lowest bin first, as `scoreHistograms` counts them): each bin is one
 * threshold step, its rows treated as tied, the step integral Σ (R_k − R_{k−1}) P_k of scikit-learn's
 * `average_precision_score`. Equal to it when every bin holds one distinct score (e.g. the store groups by
 * score rounded to the scores' own precision); otherwise the rows of a bin are ranked as ties. 0 without
 * positives (as scikit-learn, which also warns), NaN without rows.
 *
 * @example
 * binnedAveragePrecision([0, 1, 0, 1], [1, 0, 1, 0]); // 0.8333… (scores 0.1, 0.35, 0.4, 0.8)
 */
export function binnedAveragePrecision(positives: ArrayLike<number>, negatives: ArrayLike<number>): number {
  assertSameLength(positives, negatives);
  let totalPositives = 0;
  let rows = 0;
  for (let b = 0; b < positives.length; b++) {
    totalPositives += positives[b] as number;
    rows += (positives[b] as number) + (negatives[b] as number);
  }
  if (rows === 0) return Number.NaN;
  if (totalPositives === 0) return 0;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  for (let b = positives.length - 1; b >= 0; b--) {
    const dp = positives[b] as number;
    tp += dp;
    fp += negatives[b] as number;
    if (dp > 0) ap += (dp / totalPositives) * (tp / (tp + fp));
  }
  return ap;
}
