import { adjustPValues, type MultipleTestingMethod } from "@sightline/stats";
import type { ColumnDriftResult } from "./histogram-drift.js";

/** The correction the engine applies across the p-value tests of one window. */
export const WINDOW_P_ADJUSTMENT: MultipleTestingMethod = "holm";

/**
 * Corrects the p-value tests of one window for multiplicity and re-judges them: every column with a
 * p-value is one hypothesis of the family (features, prediction and label alike; distance methods are not
 * tests and keep their own verdict), adjusted by Holm's step-down (Holm 1979, via stats adjustPValues,
 * as statsmodels' multipletests(method="holm")), and drifts when the adjusted p-value is below its
 * threshold. Holm keeps the chance of any false alarm in a window at the threshold (family-wise), where
 * p < 0.05 on each of k subjects alarms in about 1 − 0.95^k of quiet windows. Columns without a p-value
 * get `p_adjusted: null`.
 *
 * @example
 * adjustWindowPValues([{ ...a, p_value: 0.01 }, { ...b, p_value: 0.04 }]).map((c) => c.p_adjusted); // [0.02, 0.04]
 */
export function adjustWindowPValues(columns: readonly ColumnDriftResult[]): ColumnDriftResult[] {
  const tested = columns.flatMap((c, i) => (c.p_value === null ? [] : [i]));
  const adjusted = adjustPValues(
    tested.map((i) => (columns[i] as ColumnDriftResult).p_value as number),
    WINDOW_P_ADJUSTMENT,
  );
  const byIndex = new Map(tested.map((i, k) => [i, adjusted.adjusted[k] as number]));
  return columns.map((c, i) => {
    const p = byIndex.get(i);
    if (p === undefined) return { ...c, p_adjusted: null, p_adjustment: null, tests_in_window: 0 };
    return {
      ...c,
      p_adjusted: p,
      p_adjustment: WINDOW_P_ADJUSTMENT,
      tests_in_window: adjusted.n_tests,
      drift_detected: p < c.threshold,
    };
  });
}
