import type { DriftMethod } from "@sightline/stats";

/** Default threshold of the tests with a p-value: drift when p_value < 0.05. */
export const DEFAULT_P_VALUE_THRESHOLD = 0.05;

/** Default share of drifted columns at or above which the whole dataset counts as drifted. */
export const DEFAULT_DATASET_DRIFT_SHARE = 0.5;

/**
 * Default thresholds of the distances (no p-value; drift when statistic > threshold), as
 * Evidently's defaults except PSI, where 0.2 sits between the 0.1 "moderate" and 0.25 "major"
 * rules of thumb. Wasserstein (raw-sample and binned) is divided by the reference standard
 * deviation in the report, so 0.1 means "a tenth of a reference sd of mass moved".
 */
export const DISTANCE_THRESHOLDS: Readonly<Partial<Record<DriftMethod, number>>> = {
  psi: 0.2,
  "kl-divergence": 0.1,
  "jensen-shannon": 0.1,
  hellinger: 0.1,
  "total-variation": 0.1,
  wasserstein: 0.1,
  "binned-wasserstein": 0.1,
  energy: 0.1,
};

/**
 * The threshold a method uses unless `--threshold` is given: its distance default, else the
 * p-value default. Whether the threshold applies to the p-value or the statistic is decided by the
 * result (a null `p_value` means a distance).
 *
 * @example
 * defaultThreshold("psi", false); // 0.2
 * defaultThreshold("ks", true); // 0.05
 */
export function defaultThreshold(method: DriftMethod, hasPValue: boolean): number {
  if (hasPValue) return DEFAULT_P_VALUE_THRESHOLD;
  return DISTANCE_THRESHOLDS[method] ?? DEFAULT_P_VALUE_THRESHOLD;
}
