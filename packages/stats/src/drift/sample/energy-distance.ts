import { cdfDistance } from "./cdf-distance.js";
import type { SampleDriftResult } from "./sample-drift-result.js";
import type { SampleWeights } from "./wasserstein.js";
import { weightedSamplePair } from "./weighted-sample.js";

/**
 * 1-D energy distance between two empirical distributions, as SciPy 1.10.1's
 * `energy_distance(u_values, v_values, u_weights, v_weights)`: sqrt(2) times the L2 distance between
 * the ECDFs, computed from the sorted pooled values in O(n log n) (not the O(n^2) pairwise form).
 * A distance: `p_value` is null. Non-finite values (and their weights) are dropped first (counted in
 * `dropped`); an empty sample or invalid weights throw a RangeError.
 *
 * @example
 * energyDistance([0], [1]); // { statistic: 1.4142135623730951, p_value: null, dropped: [0, 0] }
 */
export function energyDistance(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  weights: SampleWeights = {},
): SampleDriftResult {
  const { u, v, dropped } = weightedSamplePair(reference, current, weights);
  return { statistic: Math.SQRT2 * cdfDistance(2, u, v), p_value: null, dropped };
}
