import type { DriftTestResult } from "../drift-test-result.js";
import { checkCountPair } from "./count-pair.js";
import { checkEpsilon, DEFAULT_EPSILON } from "./proportions.js";

/** Options of the smoothed divergences (PSI, KL). */
export interface SmoothingOptions {
  /** Proportion that replaces an empty cell (default 1e-4, as Evidently); see `binning.ts`. */
  epsilon?: number;
}

/**
 * Population Stability Index, sum((c_i - r_i) * ln(c_i / r_i)) over the proportions of the
 * reference (r) and current (c) counts, empty cells floored at epsilon (default 1e-4) without
 * renormalising, as Evidently's `psi`. Every term is >= 0, so PSI >= 0, and it is symmetric in the
 * two windows. Rules of thumb: < 0.1 stable, 0.1-0.25 moderate shift, > 0.25 major shift.
 *
 * @example
 * psi([25, 25, 25, 25], [10, 20, 30, 40]); // { statistic: 0.2282..., p_value: null }
 */
export function psi(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: SmoothingOptions = {},
): DriftTestResult {
  const { referenceTotal, currentTotal } = checkCountPair(reference, current);
  const epsilon = checkEpsilon(options.epsilon ?? DEFAULT_EPSILON);
  // The floored proportions of `smoothedProportions`, formed on the fly: no arrays for a ~µs call.
  let statistic = 0;
  for (let i = 0; i < reference.length; i++) {
    const ri = (reference[i] as number) / referenceTotal || epsilon;
    const ci = (current[i] as number) / currentTotal || epsilon;
    statistic += (ci - ri) * Math.log(ci / ri);
  }
  return { statistic, p_value: null };
}
