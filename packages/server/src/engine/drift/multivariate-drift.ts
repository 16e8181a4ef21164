import {
  calibrateThreshold,
  fitPcaDrift,
  type PcaDriftModel,
  pcaReconstructionError,
} from "@sightline/stats";
import { MIN_CHUNKS } from "./reference-chunks.js";

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
  /** Where the band comes from: reference time chunks of the window's size, or row-count chunks. */
  band: "reference_chunks" | "row_chunks";
  /** Reference chunks the band was computed from. */
  band_chunks: number;
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
 * const fitted = fitMultivariate(referenceRows);
 */
export function fitMultivariate(referenceRows: readonly number[][]): MultivariateModel {
  const model = fitPcaDrift(referenceRows, {
    chunks: {
      by: "count",
      chunkSize: Math.min(MULTIVARIATE_SAMPLE_ROWS, Math.floor(referenceRows.length / 2)),
    },
  });
  return {
    model,
    band: "row_chunks",
    bandChunks: model.reference_errors.length,
    referenceRows: referenceRows.length,
  };
}

/** A fitted PCA drift model with the band its verdicts use. */
export interface MultivariateModel {
  model: PcaDriftModel;
  band: MultivariateDrift["band"];
  bandChunks: number;
  referenceRows: number;
}

/**
 * Widens the band to the spread of the reference's own time chunks of the window's size (each a row
 * sample of the window sample's size): mean ± 3 sd of their reconstruction errors, joined with the
 * row-chunk band. Row chunks of one shuffled sample only hold sampling noise; real days also differ
 * from each other (weather, schedules), which only time chunks show. Chunks with fewer than
 * MULTIVARIATE_MIN_ROWS rows are not counted; with fewer than MIN_CHUNKS the row-chunk band stays.
 *
 * @example
 * const widened = withChunkBand(fitted, dailyReferenceSamples);
 */
export function withChunkBand(
  fitted: MultivariateModel,
  chunkSamples: readonly number[][][],
): MultivariateModel {
  const usable = chunkSamples.filter((rows) => rows.length >= MULTIVARIATE_MIN_ROWS);
  if (usable.length < MIN_CHUNKS) return fitted;
  const errors = usable.map((rows) => pcaReconstructionError(fitted.model, rows).error);
  const { mean, sd } = calibrateThreshold(errors, { rule: { kind: "mean+k*sd", k: 3 } });
  const band = fitted.model.threshold;
  return {
    ...fitted,
    model: {
      ...fitted.model,
      threshold: {
        ...band,
        lower: Math.min(band.lower, mean - band.k * sd),
        upper: Math.max(band.upper, mean + band.k * sd),
      },
    },
    band: "reference_chunks",
    bandChunks: usable.length,
  };
}

/**
 * A window's multivariate drift from its row sample: drift when the reconstruction error leaves the
 * reference band and the sample holds at least MULTIVARIATE_MIN_ROWS rows.
 *
 * @example
 * multivariateDrift(fitted, ["x", "y"], windowRows).drift_detected;
 */
export function multivariateDrift(
  fitted: MultivariateModel,
  columns: string[],
  rows: readonly number[][],
): MultivariateDrift {
  const { model } = fitted;
  const result = pcaReconstructionError(model, rows);
  return {
    method: "pca_reconstruction_error",
    columns,
    statistic: result.error,
    lower: model.threshold.lower,
    upper: model.threshold.upper,
    band: fitted.band,
    band_chunks: fitted.band === "row_chunks" ? model.reference_errors.length : fitted.bandChunks,
    drift_detected: result.drift && rows.length >= MULTIVARIATE_MIN_ROWS,
    rows: rows.length,
    reference_rows: fitted.referenceRows,
  };
}
