import type { DriftTestResult } from "../drift-test-result.js";
import { walkEcdfs } from "./weighted-ecdf.js";
import { type SortedWeightedSample, sortWeightedSample } from "./weighted-sample.js";

/** A result on weighted samples, with how many non-finite values were dropped from each. */
export interface WeightedDriftResult extends DriftTestResult {
  dropped: { reference: number; current: number };
}

/** Weights of the two samples of a weighted test (each default: all 1). */
export interface SampleWeights {
  referenceWeights?: ArrayLike<number>;
  currentWeights?: ArrayLike<number>;
}

/**
 * First Wasserstein (earth mover's) distance between two weighted samples, the integral of
 * |F_ref - F_cur| over the weighted empirical CDFs, as
 * `scipy.stats.wasserstein_distance(reference, current, referenceWeights, currentWeights)`.
 * In the units of the data (divide by the reference standard deviation to compare features).
 * Non-finite values are dropped with their weights, and counted in `dropped`.
 *
 * @example
 * weightedWasserstein([0, 1, 3], [5, 6, 8], { referenceWeights: [1, 1, 2] }); // statistic 4.5833...
 */
export function weightedWasserstein(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  weights: SampleWeights = {},
): WeightedDriftResult {
  const a = sortWeightedSample(reference, weights.referenceWeights);
  const b = sortWeightedSample(current, weights.currentWeights);
  return {
    statistic: wassersteinSorted(a, b),
    p_value: null,
    dropped: { reference: a.dropped, current: b.dropped },
  };
}

/**
 * Wasserstein-1 distance between two already sorted weighted samples.
 *
 * @example
 * wassersteinSorted(sortWeightedSample([0]), sortWeightedSample([2])); // 2
 */
export function wassersteinSorted(a: SortedWeightedSample, b: SortedWeightedSample): number {
  let distance = 0;
  walkEcdfs(a, b, (x, fa, fb, next) => {
    if (next !== Number.POSITIVE_INFINITY) distance += Math.abs(fa - fb) * (next - x);
  });
  return distance;
}
