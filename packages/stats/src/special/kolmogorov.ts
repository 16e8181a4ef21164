// The limiting (n -> infinity) Kolmogorov distribution, for KS p-values on summaries (binned or
// weighted samples, where no finite n applies); `kstwo.ts` beside it is the finite-n one-sample
// distribution that the raw-sample KS test uses. kstwoSf(n, x / sqrt(n)) tends to
// kolmogorovSurvival(x) as n grows (tested).

/**
 * Survival function of the Kolmogorov distribution, P(K > x) with K = sup |B(t)| of a Brownian
 * bridge: the asymptotic null distribution of sqrt(n m / (n + m)) * D for the two-sample KS
 * statistic D, as `scipy.special.kolmogorov(x)` (= `scipy.stats.kstwobign.sf(x)`). Uses the
 * alternating series 2 * sum((-1)^(k-1) exp(-2 k^2 x^2)) for x >= 1 (exact in the tail) and the
 * Jacobi theta form sqrt(2 pi) / x * sum(exp(-(2k-1)^2 pi^2 / (8 x^2))) of the CDF below.
 *
 * @example
 * kolmogorovSurvival(1.3580986393225505); // 0.05
 */
export function kolmogorovSurvival(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x >= 1) {
    let sum = 0;
    for (let k = 1; k <= 100; k++) {
      const term = Math.exp(-2 * k * k * x * x);
      sum += k % 2 === 1 ? term : -term;
      if (term <= Math.abs(sum) * 1e-17) break;
    }
    return Math.max(0, Math.min(1, 2 * sum));
  }
  const a = (Math.PI * Math.PI) / (8 * x * x);
  let cdf = 0;
  for (let k = 1; k <= 100; k++) {
    const j = 2 * k - 1;
    const term = Math.exp(-j * j * a);
    cdf += term;
    if (term <= cdf * 1e-17) break;
  }
  cdf *= Math.sqrt(2 * Math.PI) / x;
  return Math.max(0, Math.min(1, 1 - cdf));
}
