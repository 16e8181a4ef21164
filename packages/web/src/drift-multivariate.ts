import type { DriftAnswer } from "./api/types.js";

/** The matrix row name of the multivariate (PCA reconstruction error) result. */
export const MULTIVARIATE_ROW = "all numeric (PCA)";

/**
 * Adds each window's multivariate drift (PCA reconstruction error against its reference band) as one more
 * column result, so the matrix shows it as a row: statistic = the error, threshold = the band's upper end,
 * drift as the server judged it (outside the band).
 *
 * @example
 * withMultivariateRow(answer).windows[0]?.columns.at(-1)?.column; // "all numeric (PCA)"
 */
export function withMultivariateRow(answer: DriftAnswer): DriftAnswer {
  return {
    ...answer,
    windows: answer.windows.map((w) =>
      w.multivariate
        ? {
            ...w,
            columns: [
              ...w.columns,
              {
                column: MULTIVARIATE_ROW,
                type: "numeric",
                method: "pca_reconstruction_error",
                statistic: w.multivariate.statistic,
                p_value: null,
                threshold: w.multivariate.upper,
                drift_detected: w.multivariate.drift_detected,
                reason: `reconstruction error of ${w.multivariate.rows} sampled rows against the reference band [${w.multivariate.lower.toPrecision(4)}, ${w.multivariate.upper.toPrecision(4)}]`,
                reference_rows: w.multivariate.reference_rows,
                rows: w.multivariate.rows,
                threshold_source: "calibrated",
              },
            ],
          }
        : w,
    ),
  };
}
