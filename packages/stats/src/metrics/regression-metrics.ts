import { assertSameLength } from "./class-label.js";

/** Regression metrics of one window. */
export interface RegressionMetrics {
  n: number;
  meanAbsoluteError: number;
  meanSquaredError: number;
  rootMeanSquaredError: number;
  meanAbsolutePercentageError: number;
  r2: number;
  maxError: number;
}

/** Float64 machine epsilon, the floor of |y| in scikit-learn's `mean_absolute_percentage_error`. */
const MAPE_EPSILON = 2.220446049250313e-16;

/**
 * R² with scikit-learn's `r2_score` conventions (`force_finite=True`): 1 when the residuals are all zero
 * (even for a constant target), 0 when the target is constant but residuals are not, NaN with fewer than
 * two rows (scikit-learn warns and returns NaN).
 */
export function r2FromSums(n: number, residualSquares: number, totalSquares: number): number {
  if (n < 2) return Number.NaN;
  if (residualSquares === 0) return 1;
  if (totalSquares === 0) return 0;
  return 1 - residualSquares / totalSquares;
}

/**
 * MAE, MSE, RMSE, MAPE, R² and max error, as scikit-learn's `mean_absolute_error`, `mean_squared_error`
 * (RMSE with `squared=False`), `mean_absolute_percentage_error` (|y − ŷ| / max(|y|, float64 eps), so a zero
 * target gives a huge but finite term), `r2_score` and `max_error`. NaN in the input propagates; empty input
 * gives NaN everywhere.
 *
 * @example
 * regressionMetrics([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]).r2; // 0.9486…
 */
export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): RegressionMetrics {
  assertSameLength(yTrue, yPred);
  const n = yTrue.length;
  let abs = 0;
  let sq = 0;
  let pct = 0;
  let max = n === 0 ? Number.NaN : 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    const y = yTrue[i] as number;
    const e = Math.abs((yPred[i] as number) - y);
    abs += e;
    sq += e * e;
    pct += e / Math.max(Math.abs(y), MAPE_EPSILON);
    max = Number.isNaN(e) ? Number.NaN : Math.max(max, e);
    sumY += y;
  }
  const meanY = sumY / n;
  let tot = 0;
  for (let i = 0; i < n; i++) {
    const d = (yTrue[i] as number) - meanY;
    tot += d * d;
  }
  return {
    n,
    meanAbsoluteError: abs / n,
    meanSquaredError: sq / n,
    rootMeanSquaredError: Math.sqrt(sq / n),
    meanAbsolutePercentageError: pct / n,
    r2: Number.isNaN(sq) || Number.isNaN(tot) ? Number.NaN : r2FromSums(n, sq, tot),
    maxError: max,
  };
}
