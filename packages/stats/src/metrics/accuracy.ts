import { assertSameLength, type ClassLabel } from "./class-label.js";

/**
 * Fraction of rows whose prediction equals the truth, as scikit-learn's `accuracy_score`.
 * NaN for empty input.
 *
 * @example
 * accuracy([1, 0, 1], [1, 1, 1]); // 0.666…
 */
export function accuracy(yTrue: ArrayLike<ClassLabel>, yPred: ArrayLike<ClassLabel>): number {
  assertSameLength(yTrue, yPred);
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}
