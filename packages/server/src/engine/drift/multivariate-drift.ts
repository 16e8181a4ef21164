import { fitPcaDrift, type PcaDriftModel, pcaReconstructionError } from "@sightline/stats";

/** Rows per window (and per reference chunk) the PCA reconstruction error is computed on. */
export const MULTIVARIATE_SAMPLE_ROWS = 500;
/** Reference rows the PCA is fitted on: 10 chunks of the window sample size. */
export const MULTIVARIATE_REFERENCE_ROWS = 10 * MULTIVARIATE_SAMPLE_ROWS;
/** Fewest sampled rows for a verdict: below, the error is reported but never flagged. */
export const MULTIVARIATE_MIN_ROWS = 100;

/** Multivariate drift of one window: PCA reconstruction error against the reference band. */
export interface MultivariateDrift {
  method: "pca_reconstruction_error";
  columns: string[];
  statistic: number;
  lower: number;
  upper: number;
  drift_detected: boolean;
  /** Sampled rows of the window the error was computed on. */
  rows: number;
  reference_rows: number;
}

/**
 * Fits the PCA drift model (stats fitPcaDrift: NannyML's data reconstruction drift, 65% of the variance,
 * band mean ± 3 sd) on a reference sample, its chunks the size of the window samples so the band matches
 * the noise of a window's error.
 *
 * @example
 * const model = fitMultivariate(referenceRows);
 */
export function fitMultivariate(referenceRows: readonly number[][]): PcaDriftModel {
  return fitPcaDrift(referenceRows, {
    chunks: {
      by: "count",
      chunkSize: Math.min(MULTIVARIATE_SAMPLE_ROWS, Math.floor(referenceRows.length / 2)),
    },
  });
}

/**
 * A window's multivariate drift from its row sample: drift when the reconstruction error leaves the
 * reference band and the sample holds at least MULTIVARIATE_MIN_ROWS rows.
 *
 * @example
 * multivariateDrift(model, ["x", "y"], windowRows, 5000).drift_detected;
 */
export function multivariateDrift(
  model: PcaDriftModel,
  columns: string[],
  rows: readonly number[][],
  referenceRows: number,
): MultivariateDrift {
  const result = pcaReconstructionError(model, rows);
  return {
    method: "pca_reconstruction_error",
    columns,
    statistic: result.error,
    lower: model.threshold.lower,
    upper: model.threshold.upper,
    drift_detected: result.drift && rows.length >= MULTIVARIATE_MIN_ROWS,
    rows: rows.length,
    reference_rows: referenceRows,
  };
}
