import { assertSameLength, type ClassLabel, labelIndex, uniqueSortedLabels } from "./class-label.js";

/** Counts of (true label, predicted label) pairs: `counts[i][j]` rows whose truth is `labels[i]` and prediction `labels[j]`. */
export interface ConfusionMatrix {
  labels: ClassLabel[];
  counts: number[][];
}

/**
 * Confusion matrix, as scikit-learn's `confusion_matrix`: rows are true labels, columns predicted labels,
 * in the order of `labels` (default: the sorted union of both arrays). Rows whose true or predicted label is
 * not in `labels` are left out, as in scikit-learn.
 *
 * @example
 * confusionMatrix(["a", "b", "b"], ["a", "a", "b"]);
 * // { labels: ["a", "b"], counts: [[1, 0], [1, 1]] }
 */
export function confusionMatrix(
  yTrue: ArrayLike<ClassLabel>,
  yPred: ArrayLike<ClassLabel>,
  labels?: readonly ClassLabel[],
): ConfusionMatrix {
  assertSameLength(yTrue, yPred);
  const order = labels ? [...labels] : uniqueSortedLabels(yTrue, yPred);
  const index = labelIndex(order);
  const counts = order.map(() => order.map(() => 0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = index.get(yTrue[i] as ClassLabel);
    const p = index.get(yPred[i] as ClassLabel);
    if (t === undefined || p === undefined) continue;
    (counts[t] as number[])[p] = ((counts[t] as number[])[p] as number) + 1;
  }
  return { labels: order, counts };
}
