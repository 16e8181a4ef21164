import type { DriftTestResult } from "../drift-test-result.js";
import { wassersteinDistance } from "../sample/wasserstein.js";

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
 * Non-finite values are dropped with their weights, and counted in `dropped`. The same computation
 * as {@link wassersteinDistance} (one implementation), with this folder's option and result shapes.
 *
 * @example
 * weightedWasserstein([0, 1, 3], [5, 6, 8], { referenceWeights: [1, 1, 2] }); // statistic 4.5833...
 */
export function weightedWasserstein(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  weights: SampleWeights = {},
): WeightedDriftResult {
  const sampleWeights: { reference?: ArrayLike<number>; current?: ArrayLike<number> } = {};
  if (weights.referenceWeights !== undefined) sampleWeights.reference = weights.referenceWeights;
  if (weights.currentWeights !== undefined) sampleWeights.current = weights.currentWeights;
  const { statistic, dropped } = wassersteinDistance(reference, current, sampleWeights);
  return { statistic, p_value: null, dropped: { reference: dropped[0] ?? 0, current: dropped[1] ?? 0 } };
}
