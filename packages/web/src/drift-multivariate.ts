import type { DriftMatrixAnswer, DriftMatrixWindow } from "sightline/api-types";
import type { DriftCellResult } from "./drift-cell-result.js";

/** The matrix row name of the multivariate (PCA reconstruction error) result. */
export const MULTIVARIATE_ROW = "all numeric (PCA)";
const PCA_METHOD = "pca_reconstruction_error";

/**
 * Adds each window's multivariate drift (PCA reconstruction error against its reference band) to the matrix
 * as one more column, so it shows as the last row: statistic = the error, threshold = the band's upper end,
 * drift as the server judged it (outside the band). Unchanged when no window has one.
 *
 * @example
 * withMultivariateRow(matrix).columns.at(-1); // "all numeric (PCA)"
 */
export function withMultivariateRow(matrix: DriftMatrixAnswer): DriftMatrixAnswer {
  if (!matrix.windows.some((w) => w.multivariate)) return matrix;
  const method = matrix.methods.length;
  const referenceRows = matrix.windows.find((w) => w.multivariate)?.multivariate?.reference_rows ?? 0;
  return {
    ...matrix,
    columns: [...matrix.columns, MULTIVARIATE_ROW],
    column_reference_rows: [...matrix.column_reference_rows, referenceRows],
    methods: [...matrix.methods, PCA_METHOD],
    windows: matrix.windows.map((w) => {
      const m = w.multivariate;
      return {
        ...w,
        statistic: [...w.statistic, m ? m.statistic : null],
        p_value: [...w.p_value, null],
        threshold: [...w.threshold, m ? m.upper : null],
        drift: [...w.drift, m ? m.drift_detected : null],
        method: [...w.method, m ? method : null],
        threshold_source: [...w.threshold_source, null],
        reason: [...w.reason, null],
        column_rows: [...w.column_rows, m ? m.rows : null],
      };
    }),
  };
}

/**
 * The multivariate result of one window of the drift matrix as a cell result, for the opened PCA cell;
 * undefined without one.
 *
 * @example
 * multivariateResult(answer.windows[0])?.threshold; // the band's upper end
 */
export function multivariateResult(
  window: Pick<DriftMatrixWindow, "multivariate">,
): DriftCellResult | undefined {
  const m = window.multivariate;
  if (!m) return undefined;
  return {
    column: MULTIVARIATE_ROW,
    method: PCA_METHOD,
    statistic: m.statistic,
    p_value: null,
    threshold: m.upper,
    drift_detected: m.drift_detected,
    reason: `reconstruction error of ${m.rows} sampled rows against the reference band [${m.lower.toPrecision(4)}, ${m.upper.toPrecision(4)}]`,
    reference_rows: m.reference_rows,
    rows: m.rows,
    threshold_source: "calibrated",
  };
}
