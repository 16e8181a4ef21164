// Exact null distribution of the Mann–Whitney U statistic without ties. The number of arrangements with
// U = k is the coefficient of q^k in the Gaussian binomial [m+n choose m]_q = prod_{i=1}^{m}
// (1 - q^(n+i)) / (1 - q^i) (Mann & Whitney 1947; the recursion f(m,n,k) = f(m-1,n,k-n) + f(m,n-1,k)
// of SciPy's `_MWU`, Andreas Löffler 1983, counts the same numbers). Divisions and multiplications are
// interleaved so every intermediate polynomial is itself a Gaussian binomial (non-negative), and only
// coefficients up to the needed k are kept: O(min(m,n) * k).

import binomcoef from "@stdlib/math-base-special-binomcoef";

/**
 * Pr(U <= k) under H0 for samples of sizes m and n without ties, as SciPy's `_mwu_state.cdf(k, m, n)`.
 *
 * @example
 * mannWhitneyExactCdf(3, 4, 4); // 0.1 (= 7 / 70)
 */
export function mannWhitneyExactCdf(k: number, m: number, n: number): number {
  if (k < 0) return 0;
  if (k >= m * n) return 1;
  const small = Math.min(m, n);
  const large = Math.max(m, n);
  const c = new Float64Array(k + 1);
  c[0] = 1;
  for (let i = 1; i <= small; i++) {
    for (let d = i; d <= k; d++) c[d]! += c[d - i]!;
    const shift = large + i;
    for (let d = k; d >= shift; d--) c[d]! -= c[d - shift]!;
  }
  let count = 0;
  for (let d = 0; d <= k; d++) count += c[d]!;
  return count / binomcoef(m + n, m);
}
