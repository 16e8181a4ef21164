import { assertSameLength, type ClassLabel } from "./class-label.js";

/**
 * Brier score, as scikit-learn's `brier_score_loss`: mean of (1[y = positiveLabel] − p)². Throws, as
 * scikit-learn, for probabilities outside [0, 1]. NaN for empty input.
 *
 * @example
 * brierScore([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]); // 0.0375
 */
export function brierScore(
  yTrue: ArrayLike<ClassLabel>,
  probabilities: ArrayLike<number>,
  positiveLabel: ClassLabel = 1,
): number {
  assertSameLength(yTrue, probabilities);
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = probabilities[i] as number;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Probability at row ${i} is outside [0, 1]: ${p}`);
    const d = (yTrue[i] === positiveLabel ? 1 : 0) - p;
    total += d * d;
  }
  return total / yTrue.length;
}
