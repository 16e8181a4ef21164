import type { RegressionSummary } from "@sightline/stats";
import type { Segment } from "../engine/check.js";

/**
 * Which rows a performance summary covers: predictions of one model by event time in `[fromMs, toMs)`
 * (optionally one version and one segment), each joined with its label by (model, id) at query time, and
 * numbered into fixed windows `floor((ts - originMs) / sizeMs)`. Or a version's reference rows (window 0),
 * with their `score` column as the score.
 */
export type PerformanceSource =
  | {
      kind: "predictions";
      model: string;
      version?: string;
      segment?: Segment;
      fromMs: number;
      toMs: number;
      originMs: number;
      sizeMs: number;
    }
  | { kind: "reference"; model: string; version: string };

/**
 * What task detection needs from the rows. Classes are canonical keys: numbers and booleans as DuckDB's
 * DOUBLE text (`1.0`, booleans as `1.0`/`0.0`), strings as JSON text (`"cat"`).
 */
export interface PerformanceProfile {
  /** Rows with a prediction. */
  predictions: number;
  labelled: number;
  /** Predictions or labels that are numbers with a fractional part. */
  nonIntegerValues: number;
  /** Predictions or labels that are neither numbers nor booleans. */
  nonNumericValues: number;
  /** Predictions carrying a score. */
  scored: number;
  /** Distinct classes of predictions and labels, sorted, at most `classLimit + 1`. */
  classes: string[];
  /** Versions the rows came from, sorted. */
  versions: string[];
}

/** Volume, label coverage and label lag (label event time minus prediction event time) of one window. */
export interface WindowCoverage {
  window: number;
  rows: number;
  labelled: number;
  lagP50Ms: number | null;
  lagP90Ms: number | null;
}

/** Binary confusion counts of one window's labelled predictions. */
export interface BinaryCountsRow {
  window: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/**
 * Labelled, scored rows of one window sharing one rounded score and one calibration bin, with the sums
 * probability metrics need (log loss and Brier terms per row, as scikit-learn computes them).
 */
export interface ScoreBinRow {
  window: number;
  score: number;
  calibrationBin: number;
  positives: number;
  negatives: number;
  sumScore: number;
  sumLogLoss: number;
  sumBrier: number;
}

/** Scored predictions (labelled or not) of one window sharing one rounded score and predicted class. */
export interface ScoreGroupRow {
  window: number;
  score: number;
  predictedPositive: boolean;
  count: number;
}

/** Labelled predictions of one window with one (actual, predicted) pair of classes. */
export interface ClassPairRow {
  window: number;
  actual: string;
  predicted: string;
  count: number;
}

/** Regression sums of one window (error = prediction − label): stats' `RegressionSummary`, computed in SQL. */
export interface RegressionSumsRow extends RegressionSummary {
  window: number;
}

/** How binary score summaries are binned. */
export interface ScoreBinning {
  /** Scores are grouped by their value rounded to this many decimals. */
  decimals: number;
  /** Inner edges of the calibration (ECE) bins; a score goes to the number of edges strictly below it. */
  calibrationInnerEdges: readonly number[];
}

/**
 * Performance aggregates, computed where the data lives: Node receives counts and sums per window, never
 * the rows. Labels are joined to predictions at query time, so a label arriving late fills its
 * prediction's window on the next query.
 */
export interface PerformanceStore {
  profile(source: PerformanceSource, classLimit: number): Promise<PerformanceProfile>;
  coverage(source: PerformanceSource): Promise<WindowCoverage[]>;
  binaryCounts(source: PerformanceSource, positiveClass: string): Promise<BinaryCountsRow[]>;
  scoreBins(source: PerformanceSource, positiveClass: string, binning: ScoreBinning): Promise<ScoreBinRow[]>;
  /** Every scored prediction with a predicted class, labelled or not (CBPE's input). */
  scoreGroups(source: PerformanceSource, positiveClass: string, decimals: number): Promise<ScoreGroupRow[]>;
  classPairs(source: PerformanceSource): Promise<ClassPairRow[]>;
  regressionSums(source: PerformanceSource): Promise<RegressionSumsRow[]>;
  /**
   * The label lag (label event time minus prediction event time) of a model's labels whose own event time
   * is in `[fromMs, toMs)` and whose prediction is stored: how many, and their `quantile` (continuous).
   */
  labelLag(
    model: string,
    span: { fromMs: number; toMs: number; quantile: number },
  ): Promise<{ labels: number; quantileMs: number | null }>;
  /** Event-time range of a model's predictions (optionally one version), or null when it has none. */
  timeRange(model: string, version?: string): Promise<{ minMs: number; maxMs: number } | null>;
}
