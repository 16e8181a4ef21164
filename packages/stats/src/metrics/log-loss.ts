import { assertSameLength, type ClassLabel, labelIndex, uniqueSortedLabels } from "./class-label.js";

/** Float64 machine epsilon: scikit-learn 1.2's `eps="auto"` for float64 probabilities. */
export const FLOAT64_EPS = 2.220446049250313e-16;

export interface LogLossOptions {
  /** Class order of the probability columns (default: the sorted labels of `yTrue`). */
  labels?: readonly ClassLabel[];
  /** Clipping: probabilities are clipped to [eps, 1 − eps] (default float64 eps, as sklearn 1.2.1 "auto"). */
  eps?: number;
}

/**
 * Mean cross-entropy, as scikit-learn 1.2.1's `log_loss`: probabilities are clipped to [eps, 1 − eps],
 * each row is renormalised to sum to 1, and the loss is −mean log p(true class). `probabilities` is either
 * one number per row, the probability of the greater of two labels, or one row of class probabilities per
 * row in `labels` order. Throws, as scikit-learn, when fewer than two labels are known or a true label is
 * not among them.
 *
 * @example
 * logLoss([0, 1, 1], [0.1, 0.9, 0.6]); // 0.2405…
 * logLoss(["a", "b", "c"], [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.3, 0.3, 0.4]]);
 */
export function logLoss(
  yTrue: ArrayLike<ClassLabel>,
  probabilities: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  options: LogLossOptions = {},
): number {
  assertSameLength(yTrue, probabilities);
  const labels = options.labels ? [...options.labels] : uniqueSortedLabels(yTrue);
  if (labels.length < 2) throw new RangeError("log loss needs at least two labels; pass options.labels");
  const index = labelIndex(labels);
  const eps = options.eps ?? FLOAT64_EPS;
  const clip = (p: number): number => Math.min(Math.max(p, eps), 1 - eps);
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const k = index.get(yTrue[i] as ClassLabel);
    if (k === undefined) throw new RangeError(`Label ${String(yTrue[i])} is not among the labels`);
    const row = probabilities[i];
    let sum = 0;
    let mine: number;
    if (typeof row === "number") {
      if (labels.length !== 2) throw new RangeError("One probability per row needs exactly two labels");
      const p = clip(row);
      sum = 1 - p + p;
      mine = k === 1 ? p : 1 - p;
    } else {
      if (row === undefined || row.length !== labels.length) {
        throw new RangeError(`Row ${i} has ${row?.length} probabilities for ${labels.length} labels`);
      }
      mine = 0;
      for (let j = 0; j < row.length; j++) {
        const p = clip(row[j] as number);
        sum += p;
        if (j === k) mine = p;
      }
    }
    total -= Math.log(mine / sum);
  }
  return total / yTrue.length;
}
