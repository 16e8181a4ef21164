import { assertSameLength, type ClassLabel } from "./class-label.js";

/** Positives and negatives at each distinct score, highest score first (the steps of a ROC/PR curve). */
export interface ScoreGroups {
  scores: number[];
  positives: number[];
  negatives: number[];
}

/**
 * Groups rows by distinct score in descending order, as scikit-learn's `_binary_clf_curve` does before
 * building ROC and precision-recall curves. A row is positive when its label equals `positiveLabel`.
 * Non-finite scores throw: dropping them would silently change the metric, so callers filter first.
 * O(n log n).
 */
export function scoreGroups(
  yTrue: ArrayLike<ClassLabel>,
  scores: ArrayLike<number>,
  positiveLabel: ClassLabel,
): ScoreGroups {
  assertSameLength(yTrue, scores);
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const s = scores[i] as number;
    if (!Number.isFinite(s)) throw new RangeError(`Score at row ${i} is not finite: ${s}`);
    order[i] = i;
  }
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const out: ScoreGroups = { scores: [], positives: [], negatives: [] };
  let last = -1;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const s = scores[i] as number;
    if (last < 0 || s !== out.scores[last]) {
      out.scores.push(s);
      out.positives.push(0);
      out.negatives.push(0);
      last++;
    }
    if (yTrue[i] === positiveLabel) out.positives[last] = (out.positives[last] as number) + 1;
    else out.negatives[last] = (out.negatives[last] as number) + 1;
  }
  return out;
}
