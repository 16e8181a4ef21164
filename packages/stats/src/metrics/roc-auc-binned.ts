import { assertSameLength, type ClassLabel } from "./class-label.js";
import { rocAucFromGroups } from "./roc-auc.js";

/** Score histograms of positives and negatives over shared bin edges, lowest bin first. */
export interface ScoreHistograms {
  edges: number[];
  positives: number[];
  negatives: number[];
}

/** ROC AUC from histograms, with the bound on its distance from the exact ROC AUC of the rows. */
export interface BinnedRocAuc {
  rocAuc: number;
  /** |exact − binned| ≤ maxError = ½ Σ_b P_b N_b / (P N): only pairs sharing a bin can be misordered. */
  maxError: number;
}

/**
 * Histograms of scores for positives and negatives over shared `edges` (ascending, length bins + 1).
 * Bin b holds edges[b] ≤ s < edges[b+1], the last bin also holds s = edges[last]; scores outside the
 * edges go to the first or last bin. Non-finite scores throw. This is what the store computes in SQL.
 *
 * @example
 * scoreHistograms([0, 1, 1], [0.2, 0.7, 0.9], [0, 0.5, 1]);
 * // { edges: [0, 0.5, 1], positives: [0, 2], negatives: [1, 0] }
 */
export function scoreHistograms(
  yTrue: ArrayLike<ClassLabel>,
  scores: ArrayLike<number>,
  edges: readonly number[],
  positiveLabel: ClassLabel = 1,
): ScoreHistograms {
  assertSameLength(yTrue, scores);
  const bins = edges.length - 1;
  if (bins < 1) throw new RangeError("Need at least two edges");
  const positives = new Array<number>(bins).fill(0);
  const negatives = new Array<number>(bins).fill(0);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    if (!Number.isFinite(s)) throw new RangeError(`Score at row ${i} is not finite: ${s}`);
    // Largest b with edges[b] <= s, by binary search, clamped to [0, bins - 1].
    let lo = 0;
    let hi = bins;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((edges[mid] as number) <= s) lo = mid;
      else hi = mid;
    }
    if (yTrue[i] === positiveLabel) positives[lo] = (positives[lo] as number) + 1;
    else negatives[lo] = (negatives[lo] as number) + 1;
  }
  return { edges: [...edges], positives, negatives };
}

/**
 * ROC AUC from binned scores: each bin is one step of the ROC curve (its rows treated as tied), trapezoids
 * between bins, the same rule `roc_auc_score` applies to tied scores. The error against the exact ROC AUC
 * is bounded by `maxError`. On 3,000 logistic-regression probabilities (ROC AUC 0.96) the error is 7.5e-4
 * with 20 equal-width bins and 7.6e-4 with 100: most rows sit in the end bins near 0 and 1, so finer
 * equal-width bins barely help there (see the test). NaN when a class is absent.
 *
 * @example
 * binnedRocAuc([0, 2, 3], [3, 1, 0]); // { rocAuc: 0.95, maxError: 0.05 }
 */
export function binnedRocAuc(positives: ArrayLike<number>, negatives: ArrayLike<number>): BinnedRocAuc {
  assertSameLength(positives, negatives);
  const bins = positives.length;
  const posDesc = new Array<number>(bins);
  const negDesc = new Array<number>(bins);
  let p = 0;
  let n = 0;
  let sharedPairs = 0;
  for (let b = 0; b < bins; b++) {
    const pb = positives[bins - 1 - b] as number;
    const nb = negatives[bins - 1 - b] as number;
    posDesc[b] = pb;
    negDesc[b] = nb;
    p += pb;
    n += nb;
    sharedPairs += pb * nb;
  }
  const rocAuc = rocAucFromGroups(posDesc, negDesc);
  return { rocAuc, maxError: Number.isNaN(rocAuc) ? Number.NaN : sharedPairs / (2 * p * n) };
}
