import { assertSameLength, type ClassLabel, uniqueSortedLabels } from "./class-label.js";
import { rocAuc } from "./roc-auc.js";

/**
 * Multiclass ROC AUC, one-vs-rest, macro average, as scikit-learn's
 * `roc_auc_score(multi_class="ovr", average="macro")`: the mean over classes of the binary ROC AUC of
 * column c against "label is labels[c]". Columns follow `labels` (default: the sorted labels of `yTrue`).
 * scikit-learn raises when a class is absent from `yTrue` or rows do not sum to 1; we return NaN for an
 * absent class and do not check the sums.
 *
 * @example
 * rocAucOneVsRest([0, 1, 2], [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.3, 0.3, 0.4]]); // 1
 */
export function rocAucOneVsRest(
  yTrue: ArrayLike<ClassLabel>,
  probabilities: ArrayLike<ArrayLike<number>>,
  labels?: readonly ClassLabel[],
): number {
  assertSameLength(yTrue, probabilities);
  const order = labels ? [...labels] : uniqueSortedLabels(yTrue);
  let total = 0;
  order.forEach((label, c) => {
    const column = Float64Array.from({ length: probabilities.length }, (_, i) => {
      const row = probabilities[i] as ArrayLike<number>;
      if (row.length !== order.length)
        throw new RangeError(`Row ${i} has ${row.length} columns, not ${order.length}`);
      return row[c] as number;
    });
    total += rocAuc(yTrue, column, label);
  });
  return total / order.length;
}
