import erfc from "@stdlib/math-base-special-erfc";
import type { DriftTestResult } from "../drift-test-result.js";
import { checkCountPair } from "./count-pair.js";

/**
 * Two-sided two-proportion Z-test with pooled variance on two binary count vectors
 * `[count of category 0, count of category 1]` (for booleans: `[false, true]`).
 * z = (p_cur - p_ref) / sqrt(p (1 - p) (1/n_ref + 1/n_cur)), with p_x the share of category 1 and
 * p the pooled share; p-value = 2 * P(Z > |z|) = erfc(|z| / sqrt 2), exact in the tail. The sign
 * of z says whether category 1 grew (+) or shrank (-); swapping the categories flips only the sign.
 * When both windows hold a single category (pooled p is 0 or 1) the proportions are equal and the
 * result is z = 0, p = 1 (the formula alone would give 0/0).
 *
 * @example
 * twoProportionZ([60, 40], [45, 55]); // { statistic: 2.1239..., p_value: 0.0337... }
 */
export function twoProportionZ(reference: ArrayLike<number>, current: ArrayLike<number>): DriftTestResult {
  if (reference.length !== 2 || current.length !== 2) {
    throw new RangeError("twoProportionZ needs two count vectors of length 2");
  }
  const { referenceTotal: n1, currentTotal: n2 } = checkCountPair(reference, current);
  const x1 = reference[1] as number;
  const x2 = current[1] as number;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return { statistic: 0, p_value: 1 };
  // The difference of shares as one cross-product: exact for integer counts, so swapping the categories
  // gives exactly -z (x2 / n2 - x1 / n1 cancels catastrophically when the shares are close).
  const z = (x2 * n1 - x1 * n2) / (n1 * n2) / Math.sqrt(variance);
  return { statistic: z, p_value: erfc(Math.abs(z) / Math.SQRT2) };
}
