import type { ClassLabel } from "./class-label.js";
import { scoreGroups } from "./score-groups.js";

/**
 * Area under the ROC curve whose steps are the given groups, highest score first: trapezoids between
 * consecutive (FPR, TPR) points, so tied rows count one half per positive–negative pair. Counts may be
 * weights. NaN when there are no positives or no negatives.
 */
export function rocAucFromGroups(positives: ArrayLike<number>, negatives: ArrayLike<number>): number {
  let tp = 0;
  let fp = 0;
  let area = 0;
  for (let g = 0; g < positives.length; g++) {
    const dp = positives[g] as number;
    const dn = negatives[g] as number;
    area += dn * (tp + dp / 2);
    tp += dp;
    fp += dn;
  }
  if (tp === 0 || fp === 0) return Number.NaN;
  return area / (tp * fp);
}

/**
 * Exact ROC AUC with ties, as scikit-learn's `roc_auc_score` for binary targets (trapezoidal area under
 * `roc_curve`), in O(n log n). A row is positive when its label equals `positiveLabel` (default 1).
 * scikit-learn raises when only one class is present; we return NaN. Non-finite scores throw.
 *
 * @example
 * rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 */
export function rocAuc(
  yTrue: ArrayLike<ClassLabel>,
  scores: ArrayLike<number>,
  positiveLabel: ClassLabel = 1,
): number {
  const groups = scoreGroups(yTrue, scores, positiveLabel);
  return rocAucFromGroups(groups.positives, groups.negatives);
}
