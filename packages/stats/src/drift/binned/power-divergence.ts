import gammainc from "@stdlib/math-base-special-gammainc";
import type { DriftTestResult } from "../drift-test-result.js";
import { checkCountPair } from "./count-pair.js";

/** A goodness-of-fit result with its degrees of freedom. */
export interface PowerDivergenceResult extends DriftTestResult {
  /** Degrees of freedom: categories with a positive expected count, minus one. */
  df: number;
}

/**
 * Cressie–Read power divergence of the current counts against expected counts taken from the
 * reference proportions (E_i = reference_i / sum(reference) * sum(current)), with a chi-square
 * p-value on (categories - 1) degrees of freedom, as `scipy.stats.power_divergence(current, E,
 * lambda_)` for lambda 1 (Pearson) and 0 (log-likelihood, G). The reference is taken as the known
 * distribution (goodness of fit), not as a second sample.
 *
 * Zero expected counts, handled explicitly: a category with E = 0 and a current count of 0 is
 * dropped (it says nothing, and SciPy would return NaN), leaving one degree of freedom less; a
 * category with E = 0 but current count > 0 (unseen in the reference) makes the statistic
 * +Infinity and p = 0, as SciPy's arithmetic does. With a single category left (df = 0) no
 * difference is possible: statistic 0 and p = 1 (SciPy returns p = NaN there).
 *
 * @example
 * powerDivergence([50, 50], [30, 70], 1); // { statistic: 16, p_value: 6.33e-5, df: 1 }
 */
export function powerDivergence(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  lambda: 0 | 1,
): PowerDivergenceResult {
  const { referenceTotal, currentTotal } = checkCountPair(reference, current);
  let statistic = 0;
  let categories = 0;
  let unseen = false;
  for (let i = 0; i < reference.length; i++) {
    const observed = current[i] as number;
    const expected = ((reference[i] as number) / referenceTotal) * currentTotal;
    if (expected === 0) {
      if (observed > 0) unseen = true;
      continue;
    }
    categories++;
    if (lambda === 1) {
      const d = observed - expected;
      statistic += (d * d) / expected;
    } else if (observed > 0) {
      statistic += 2 * observed * Math.log(observed / expected);
    }
  }
  const df = categories - 1;
  if (unseen) return { statistic: Number.POSITIVE_INFINITY, p_value: 0, df };
  if (df === 0) return { statistic: 0, p_value: 1, df };
  return { statistic, p_value: chiSquareSurvival(statistic, df), df };
}

/**
 * Upper tail of the chi-square distribution, P(X > x) for X ~ chi2(df), via the regularised upper
 * incomplete gamma function (exact in the tail, unlike 1 - cdf).
 *
 * @example
 * chiSquareSurvival(3.841458820694124, 1); // 0.05
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return gammainc(x / 2, df / 2, true, true);
}
