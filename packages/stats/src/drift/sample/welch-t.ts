import tCdf from "@stdlib/stats-base-dists-t-cdf";
import { finiteSample } from "./finite-sample.js";
import { pairwiseSum, pairwiseVariance } from "./pairwise-sum.js";
import type { SampleDriftResult } from "./sample-drift-result.js";

/**
 * Welch's unequal-variance two-sample t-test, two-sided, as SciPy 1.10.1's
 * `ttest_ind(reference, current, equal_var=False)`:
 * t = (mean_r - mean_c) / sqrt(v_r / n_r + v_c / n_c) with ddof = 1 variances, Welch–Satterthwaite
 * degrees of freedom (1 when undefined, as SciPy), p = 2 * T_df(-|t|).
 * Means and variances use NumPy's buffered pairwise summation, so degenerate samples give SciPy's answer
 * bit for bit: NaN for a single-value sample or for two constant samples with equal means (0/0),
 * t = ±Infinity and p = 0 for constant samples with different means. Beware that, as in SciPy, the mean
 * of a constant sample is not always exact (30 × 0.1 averages to 0.10000000000000002), which can turn
 * two equal constant samples into a huge t and a tiny p. Non-finite values are dropped first (counted
 * in `dropped`); an empty sample throws a RangeError.
 *
 * @example
 * welchTTest([1, 2, 3, 4], [2, 4, 6, 8, 10]); // { statistic: -2.2514, p_value: 0.06913, dropped: [0, 0] }
 */
export function welchTTest(reference: ArrayLike<number>, current: ArrayLike<number>): SampleDriftResult {
  const x = moments(reference, "reference");
  const y = moments(current, "current");
  const n1 = x.n;
  const n2 = y.n;
  const vn1 = x.variance / n1;
  const vn2 = y.variance / n2;
  let df = (vn1 + vn2) ** 2 / (vn1 ** 2 / (n1 - 1) + vn2 ** 2 / (n2 - 1));
  if (Number.isNaN(df)) df = 1;
  const t = (x.mean - y.mean) / Math.sqrt(vn1 + vn2);
  const p = 2 * tCdf(-Math.abs(t), df);
  return { statistic: t, p_value: p, dropped: [x.dropped, y.dropped] };
}

// Size, mean and ddof = 1 variance of the finite values. A finite pairwise sum proves that every value
// is finite (NaN and ±Infinity propagate into it), which saves a separate pass looking for them; only
// otherwise (or on overflow) are the non-finite values dropped and the sum taken again.
function moments(
  sample: ArrayLike<number>,
  name: string,
): { n: number; mean: number; variance: number; dropped: number } {
  let values = sample;
  let dropped = 0;
  let sum = pairwiseSum(sample);
  if (!Number.isFinite(sum) || sample.length === 0) {
    const finite = finiteSample(sample, name, 1, false);
    values = finite.values;
    dropped = finite.dropped;
    sum = pairwiseSum(values);
  }
  const mean = sum / values.length;
  return { n: values.length, mean, variance: pairwiseVariance(values, 1, mean), dropped };
}
