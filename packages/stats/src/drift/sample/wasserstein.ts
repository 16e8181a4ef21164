import { cdfDistance } from "./cdf-distance.js";
import { pairwiseVariance } from "./pairwise-sum.js";
import type { SampleDriftResult } from "./sample-drift-result.js";
import { weightedSamplePair } from "./weighted-sample.js";

/** Optional non-negative weights per value (same length as the sample, NaN values' weights dropped). */
export interface SampleWeights {
  reference?: ArrayLike<number>;
  current?: ArrayLike<number>;
}

/**
 * 1-D Wasserstein-1 (earth mover's) distance between two empirical distributions, as SciPy 1.10.1's
 * `wasserstein_distance(u_values, v_values, u_weights, v_weights)`: the integral of |U - V| over the
 * pooled values. A distance: `p_value` is null. Non-finite values (and their weights) are dropped
 * first (counted in `dropped`); an empty sample or invalid weights throw a RangeError. O(n log n).
 *
 * @example
 * wassersteinDistance([0, 1, 3], [5, 6, 8]); // { statistic: 5, p_value: null, dropped: [0, 0] }
 */
export function wassersteinDistance(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  weights: SampleWeights = {},
): SampleDriftResult {
  const { u, v, dropped } = weightedSamplePair(reference, current, weights);
  return { statistic: cdfDistance(1, u, v), p_value: null, dropped };
}

/**
 * Wasserstein-1 distance divided by the standard deviation of the (finite) reference values, population
 * form (ddof = 0, as `np.std`), unweighted: a scale-free drift size ("how many reference standard
 * deviations the mass moved"). When the reference is constant (std 0) the result is 0 if the distance is
 * 0 and Infinity otherwise. `p_value` is null. Same NaN handling and errors as {@link wassersteinDistance}.
 *
 * @example
 * normalizedWassersteinDistance([0, 2], [1, 3]); // { statistic: 1, p_value: null, dropped: [0, 0] }
 */
export function normalizedWassersteinDistance(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
): SampleDriftResult {
  const { u, v, dropped } = weightedSamplePair(reference, current, {});
  // The standard deviation first: cdfDistance reorders the values, and np.std sums them in input order.
  const std = Math.sqrt(pairwiseVariance(u.values, 0));
  const distance = cdfDistance(1, u, v);
  const statistic = std > 0 ? distance / std : distance === 0 ? 0 : Number.POSITIVE_INFINITY;
  return { statistic, p_value: null, dropped };
}
