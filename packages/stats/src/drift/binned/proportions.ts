import { checkCountPair } from "./count-pair.js";

/**
 * Proportions of a count vector with empty cells floored at `epsilon`, the rule PSI and KL use:
 * a zero proportion becomes `epsilon` (no renormalisation), as Evidently does with 1e-4.
 * See `binning.ts` for why this rule was chosen over add-0.5 smoothing.
 *
 * @example
 * smoothedProportions([3, 1, 0], 4, 1e-4); // Float64Array [0.75, 0.25, 0.0001]
 */
export function smoothedProportions(counts: ArrayLike<number>, total: number, epsilon: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    const p = (counts[i] as number) / total;
    out[i] = p === 0 ? epsilon : p;
  }
  return out;
}

/**
 * Plain proportions of a count vector (count / total).
 *
 * @example
 * proportions([3, 1], 4); // Float64Array [0.75, 0.25]
 */
export function proportions(counts: ArrayLike<number>, total: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = (counts[i] as number) / total;
  return out;
}

/** The default floor for empty cells in PSI and KL (Evidently's value). */
export const DEFAULT_EPSILON = 1e-4;

/** Checks a smoothing epsilon: positive and finite (a zero floor would give infinite PSI/KL). */
export function checkEpsilon(epsilon: number): number {
  if (!(Number.isFinite(epsilon) && epsilon > 0)) {
    throw new RangeError(`epsilon must be a positive finite number, got ${epsilon}`);
  }
  return epsilon;
}

/**
 * Validates two count vectors (see `checkCountPair`) and the epsilon option, and returns both
 * smoothed proportion vectors: the shared first step of PSI and KL.
 *
 * @example
 * smoothedPair([1, 1], [2, 0], 1e-4); // { reference: [0.5, 0.5], current: [1, 0.0001] }
 */
export function smoothedPair(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  epsilon: number = DEFAULT_EPSILON,
): { reference: Float64Array; current: Float64Array } {
  const { referenceTotal, currentTotal } = checkCountPair(reference, current);
  checkEpsilon(epsilon);
  return {
    reference: smoothedProportions(reference, referenceTotal, epsilon),
    current: smoothedProportions(current, currentTotal, epsilon),
  };
}
