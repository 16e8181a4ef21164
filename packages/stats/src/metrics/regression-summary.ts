import { assertSameLength } from "./class-label.js";
import { type RegressionMetrics, r2FromSums } from "./regression-metrics.js";

/**
 * Sufficient statistics of a regression window, with error e = ŷ − y. All sums (and the max) can be
 * computed in SQL and merged across windows by adding (max: taking the max).
 */
export interface RegressionSummary {
  n: number;
  sumError: number;
  sumSquaredError: number;
  sumAbsError: number;
  /** Σ |e| / max(|y|, float64 eps), for MAPE. */
  sumAbsPercentageError: number;
  maxAbsError: number;
  sumY: number;
  sumY2: number;
  /** Min and max of y: a constant target is detected exactly (min = max), not from rounded sums. */
  minY: number;
  maxY: number;
}

/** Metrics from a summary: the regression metrics plus the mean error (bias, ŷ − y). */
export interface RegressionSummaryMetrics extends RegressionMetrics {
  meanError: number;
}

/**
 * The sufficient statistics of (yTrue, yPred), the same sums the store computes per window.
 *
 * @example
 * regressionSummary([1, 2], [1.5, 2]); // { n: 2, sumError: 0.5, sumSquaredError: 0.25, ... }
 */
export function regressionSummary(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): RegressionSummary {
  assertSameLength(yTrue, yPred);
  const s: RegressionSummary = {
    n: yTrue.length,
    sumError: 0,
    sumSquaredError: 0,
    sumAbsError: 0,
    sumAbsPercentageError: 0,
    maxAbsError: 0,
    sumY: 0,
    sumY2: 0,
    minY: Number.POSITIVE_INFINITY,
    maxY: Number.NEGATIVE_INFINITY,
  };
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i] as number;
    const e = (yPred[i] as number) - y;
    s.sumError += e;
    s.sumSquaredError += e * e;
    s.sumAbsError += Math.abs(e);
    s.sumAbsPercentageError += Math.abs(e) / Math.max(Math.abs(y), 2.220446049250313e-16);
    s.maxAbsError = Math.max(s.maxAbsError, Math.abs(e));
    s.sumY += y;
    s.sumY2 += y * y;
    s.minY = Math.min(s.minY, y);
    s.maxY = Math.max(s.maxY, y);
  }
  return s;
}

/**
 * Adds summaries of disjoint windows.
 *
 * @example
 * mergeRegressionSummaries([regressionSummary([1], [2]), regressionSummary([3], [3])]).n; // 2
 */
export function mergeRegressionSummaries(parts: readonly RegressionSummary[]): RegressionSummary {
  const s: RegressionSummary = {
    n: 0,
    sumError: 0,
    sumSquaredError: 0,
    sumAbsError: 0,
    sumAbsPercentageError: 0,
    maxAbsError: 0,
    sumY: 0,
    sumY2: 0,
    minY: Number.POSITIVE_INFINITY,
    maxY: Number.NEGATIVE_INFINITY,
  };
  for (const p of parts) {
    s.n += p.n;
    s.sumError += p.sumError;
    s.sumSquaredError += p.sumSquaredError;
    s.sumAbsError += p.sumAbsError;
    s.sumAbsPercentageError += p.sumAbsPercentageError;
    s.maxAbsError = Math.max(s.maxAbsError, p.maxAbsError);
    s.sumY += p.sumY;
    s.sumY2 += p.sumY2;
    s.minY = Math.min(s.minY, p.minY);
    s.maxY = Math.max(s.maxY, p.maxY);
  }
  return s;
}

/**
 * MAE, MSE, RMSE, MAPE, R², max error and mean error from a summary. The total sum of squares is
 * Σy² − (Σy)²/n, which loses digits when |mean y| ≫ sd y (relative error ≈ 1e-16 · (mean/sd)²);
 * scikit-learn's `r2_score` centres first. A constant target (minY = maxY) follows `r2_score`
 * (1 if no residual, else 0).
 *
 * @example
 * regressionMetricsFromSummary(regressionSummary([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])).r2; // 0.9486…
 */
export function regressionMetricsFromSummary(s: RegressionSummary): RegressionSummaryMetrics {
  const n = s.n;
  const mse = s.sumSquaredError / n;
  const totalSquares = s.minY === s.maxY ? 0 : Math.max(0, s.sumY2 - (s.sumY * s.sumY) / n);
  return {
    n,
    meanAbsoluteError: s.sumAbsError / n,
    meanSquaredError: mse,
    rootMeanSquaredError: Math.sqrt(mse),
    meanAbsolutePercentageError: s.sumAbsPercentageError / n,
    r2: r2FromSums(n, s.sumSquaredError, totalSquares),
    maxError: n === 0 ? Number.NaN : s.maxAbsError,
    meanError: s.sumError / n,
  };
}
