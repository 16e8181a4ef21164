import { kolmogorovSurvival } from "../../special/kolmogorov.js";
import { walkEcdfs } from "./weighted-ecdf.js";
import { sortWeightedSample } from "./weighted-sample.js";
import type { SampleWeights, WeightedDriftResult } from "./weighted-wasserstein.js";

/**
 * Two-sample Kolmogorov–Smirnov on weighted samples: D = max |F_ref(x) - F_cur(x)| over the
 * weighted empirical CDFs (with unit weights, the statistic of SciPy's ks_2samp). p-value:
 * asymptotic Kolmogorov distribution at sqrt(en) D, en = n m / (n + m) with n, m the Kish
 * effective sizes (sum w)^2 / sum w^2, as `scipy.special.kolmogorov` (an approximation for
 * weighted data; for small unweighted samples prefer the exact raw-sample KS).
 * Non-finite values are dropped with their weights, and counted in `dropped`.
 *
 * @example
 * weightedKs([1, 2, 3, 4], [3, 4, 5, 6]); // statistic 0.5, p_value 0.6993...
 */
export function weightedKs(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  weights: SampleWeights = {},
): WeightedDriftResult {
  const a = sortWeightedSample(reference, weights.referenceWeights);
  const b = sortWeightedSample(current, weights.currentWeights);
  let statistic = 0;
  walkEcdfs(a, b, (_x, fa, fb) => {
    statistic = Math.max(statistic, Math.abs(fa - fb));
  });
  const en = (a.effectiveSize * b.effectiveSize) / (a.effectiveSize + b.effectiveSize);
  return {
    statistic,
    p_value: kolmogorovSurvival(Math.sqrt(en) * statistic),
    dropped: { reference: a.dropped, current: b.dropped },
  };
}
