import {
  mergeRegressionSummaries,
  type RegressionSummary,
  regressionMetricsFromSummary,
} from "@sightline/stats";
import type { RegressionSumsRow } from "../../store/performance-store.js";
import { finite } from "./finite.js";

/** Regression metrics of a window, as the API answers them. */
export interface RegressionMetricsJson {
  n: number;
  mae: number | null;
  mse: number | null;
  rmse: number | null;
  mape: number | null;
  r2: number | null;
  max_error: number | null;
  mean_error: number | null;
}

/**
 * Sums store rows (one per window) into one summary: cumulative = the merge of windows.
 *
 * @example
 * regressionSummaryOf([]).n; // 0
 */
export function regressionSummaryOf(rows: readonly RegressionSumsRow[]): RegressionSummary {
  return mergeRegressionSummaries(rows.map(({ window: _window, ...summary }) => summary));
}

/**
 * MAE, MSE, RMSE, MAPE, R², max error and mean error (bias) from sums, via stats'
 * `regressionMetricsFromSummary` (as scikit-learn's regression metrics on the rows). Null without rows.
 *
 * @example
 * regressionMetrics(regressionSummaryOf([])); // null
 */
export function regressionMetrics(summary: RegressionSummary): RegressionMetricsJson | null {
  if (summary.n === 0) return null;
  const m = regressionMetricsFromSummary(summary);
  return {
    n: summary.n,
    mae: finite(m.meanAbsoluteError),
    mse: finite(m.meanSquaredError),
    rmse: finite(m.rootMeanSquaredError),
    mape: finite(m.meanAbsolutePercentageError),
    r2: finite(m.r2),
    max_error: finite(m.maxError),
    mean_error: finite(m.meanError),
  };
}
