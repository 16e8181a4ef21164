import type { ClassLabel } from "./class-label.js";
import { scoreGroups } from "./score-groups.js";

/**
 * Average precision, as scikit-learn's `average_precision_score` for binary targets: the step integral
 * Σ (R_k − R_{k−1}) P_k over distinct score thresholds, highest first (no interpolation). Without positives
 * scikit-learn warns and the sum is 0; we return 0 too. Non-finite scores throw.
 *
 * @example
 * averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.8333…
 */
export function averagePrecision(
  yTrue: ArrayLike<ClassLabel>,
  scores: ArrayLike<number>,
  positiveLabel: ClassLabel = 1,
): number {
  const { positives, negatives } = scoreGroups(yTrue, scores, positiveLabel);
  let totalPositives = 0;
  for (const p of positives) totalPositives += p;
  if (positives.length === 0) return Number.NaN;
  if (totalPositives === 0) return 0;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  for (let g = 0; g < positives.length; g++) {
    const dp = positives[g] as number;
    tp += dp;
    fp += negatives[g] as number;
    if (dp > 0) ap += (dp / totalPositives) * (tp / (tp + fp));
  }
  return ap;
}
