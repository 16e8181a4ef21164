import betainc from "@stdlib/math-base-special-betainc";

/** Stated defaults of the quality thresholds: how far above the reference, and how sure. */
export const QUALITY_MARGIN = 0.01;
export const QUALITY_ALPHA = 0.001;

/** The verdict on one share (missing, unseen or out-of-range) of one window. */
export interface ShareExcess {
  /** The share at or below which the window is fine: the reference's share + the margin. */
  threshold: number;
  /** One-sided binomial p-value of seeing this many or more bad rows if the true share were `threshold`. */
  p_value: number;
  /** The share is above `threshold` and the binomial test says so at `alpha`. */
  breached: boolean;
  baseline: number;
  margin: number;
  alpha: number;
  method: "binomial_greater";
}

/**
 * One-sided exact binomial test, P(X ≥ k) for X ~ Binomial(n, p), via the regularized incomplete beta
 * function I_p(k, n − k + 1), as SciPy's `binomtest(k, n, p, alternative="greater")`.
 *
 * @example
 * binomialGreaterP(18, 300, 0.01); // 2.48e-9
 */
export function binomialGreaterP(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return Math.min(1, Math.max(0, betainc(p, k, n - k + 1)));
}

/**
 * Judges a window's count of bad rows (missing values, unseen categories, out-of-range values) against
 * the reference's share of them: bad when the window's share is above the reference share + `margin`
 * (1 percentage point by default) and a one-sided exact binomial test on the window's rows rejects
 * "the true share is at most reference + margin" at `alpha` (0.001 by default), so a small window
 * needs a clear excess, and a large one cannot alarm on an excess smaller than the margin.
 *
 * @example
 * shareExcess(18, 300, 0).breached; // true: 6% missing where the reference had none
 */
export function shareExcess(
  count: number,
  rows: number,
  baseline: number,
  margin = QUALITY_MARGIN,
  alpha = QUALITY_ALPHA,
): ShareExcess {
  const threshold = Math.min(1, Math.max(0, baseline) + margin);
  const p = rows > 0 ? binomialGreaterP(count, rows, threshold) : 1;
  return {
    threshold,
    p_value: p,
    breached: rows > 0 && count / rows > threshold && p < alpha,
    baseline,
    margin,
    alpha,
    method: "binomial_greater",
  };
}
