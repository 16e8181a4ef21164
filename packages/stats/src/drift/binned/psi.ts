import type { DriftTestResult } from "../drift-test-result.js";
import { smoothedPair } from "./proportions.js";

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
  const { reference: r, current: c } = smoothedPair(reference, current, options.epsilon);
  let statistic = 0;
  for (let i = 0; i < r.length; i++) {
    const ri = r[i] as number;
    const ci = c[i] as number;
    statistic += (ci - ri) * Math.log(ci / ri);
  }
  return { statistic, p_value: null };
}
