import type { Segment } from "../engine/check.js";

/**
 * Which predictions to aggregate and how to cut them into windows: `[fromMs, toMs)` by event time,
 * windows of `sizeMs` starting at `originMs + k * sizeMs` (origin 0 aligns days to 00:00 UTC; a
 * cumulative window uses origin = fromMs and size = toMs - fromMs).
 */
export interface WindowScope {
  model: string;
  fromMs: number;
  toMs: number;
  sizeMs: number;
  originMs: number;
  version?: string;
  segment?: Segment;
}

/** Where a column's values come from: a feature, the logged prediction, or the label joined by id. */
export type ColumnSource = "feature" | "prediction" | "label";

/**
 * A column to histogram and how to bin it: numeric columns over the reference's quantile cuts (bin k
 * holds (cuts[k-1], cuts[k]], so there are cuts.length + 1 bins), category columns over the reference's
 * categories plus a last "other/unseen" bucket (numbers compared by their DOUBLE text).
 */
export type BinnedColumn =
  | { name: string; source: ColumnSource; binning: "cuts"; cuts: readonly number[] }
  | {
      name: string;
      source: ColumnSource;
      binning: "categories";
      numeric: boolean;
      categories: readonly string[];
    };

/** Counts of one column in one window (or in the reference). */
export interface ColumnCounts {
  /** Per bin (numeric) or per category, the last one being "other/unseen" for categories. */
  counts: number[];
  /** Sum of the values in each bin (numeric; for per-bin means), else empty. */
  sums: number[];
  /** Non-missing values (finite, for numeric columns). */
  present: number;
  min: number | null;
  max: number | null;
}

/** Histograms of every requested column for one window starting at `fromMs`. */
export interface WindowColumnCounts {
  fromMs: number;
  /** Predictions in the window. */
  rows: number;
  columns: Map<string, ColumnCounts>;
}

/** What a reference column looks like before binning: its kind, size, spread and bins. */
export interface ReferenceColumnShape {
  name: string;
  source: ColumnSource;
  numeric: boolean;
  present: number;
  distinct: number;
  min: number | null;
  max: number | null;
  /** Population standard deviation (numeric). */
  std: number | null;
  /** Interior quantile cuts (numeric), duplicates collapsed. */
  cuts: number[];
  /** Most frequent values, most frequent first (at most the requested number). */
  categories: string[];
}

/** Operational aggregates of one window. */
export interface WindowOperations {
  fromMs: number;
  rows: number;
  errors: number;
  latencyCount: number;
  /** p50, p90, p99 of latency_ms (quantile_cont), null without latencies. */
  latencyMs: [number, number, number] | null;
  scoreCount: number;
  scoreMean: number | null;
  scoreStd: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
  /** Score quantiles at 0.1, 0.25, 0.5, 0.75, 0.9. */
  scoreQuantiles: number[] | null;
  /** Equal-width score histogram over [0, 1] in `scoreBins` bins (scores outside are clamped). */
  scoreHistogram: number[];
  predictionCount: number;
  predictionStd: number | null;
  rowsWithViolations: number;
}

/** Predictions per class (the prediction's text) in one window. */
export interface WindowClassCounts {
  fromMs: number;
  counts: Record<string, number>;
}

/** Contract violations of one kind on one field in one window. */
export interface WindowViolationCount {
  fromMs: number;
  field: string;
  kind: string;
  count: number;
}

/** Bins of the score histogram of {@link WindowOperations}. */
export const scoreBins = 20;

/**
 * Aggregation of predictions per window, pushed down to the engine: Node receives counts, quantiles
 * and per-bin sums only, never rows (except a bounded sample for multivariate drift).
 *
 * @example
 * const scope = { model: "m", fromMs: 0, toMs: 7 * 86_400_000, sizeMs: 86_400_000, originMs: 0 };
 * const ops = await store.windows.operations(scope); // one entry per window with rows
 */
export interface WindowStore {
  /** Volume, errors, latency and score quantiles, score histogram, per window. */
  operations(scope: WindowScope): Promise<WindowOperations[]>;
  /** Predictions per class per window (for categorical and boolean predictions). */
  classCounts(scope: WindowScope, limit: number): Promise<WindowClassCounts[]>;
  /** Contract violations per window, field and kind. */
  violations(scope: WindowScope): Promise<WindowViolationCount[]>;
  /** Histograms of `columns` per window, numeric and category columns each in one grouped query. */
  columnCounts(scope: WindowScope, columns: readonly BinnedColumn[]): Promise<WindowColumnCounts[]>;
  /** Reference row count of a version (0 when none was uploaded). */
  referenceRows(model: string, version: string): Promise<number>;
  /** Shapes (size, spread, quantile cuts, top categories) of the reference columns. */
  referenceShapes(
    model: string,
    version: string,
    columns: readonly { name: string; source: ColumnSource; numeric: boolean }[],
    bins: number,
    maxCategories: number,
  ): Promise<ReferenceColumnShape[]>;
  /** Histograms of the reference over the given bins (same queries as the windows). */
  referenceCounts(
    model: string,
    version: string,
    columns: readonly BinnedColumn[],
  ): Promise<Map<string, ColumnCounts>>;
  /**
   * Histograms of the reference cut into chunks of `sizeMs` by its reserved `timestamp` column (ISO-8601 or
   * epoch ms), aligned as windows are (`originMs + k * sizeMs`); rows without a readable timestamp are left
   * out, so a reference without one has no chunks.
   */
  referenceChunkCounts(
    model: string,
    version: string,
    columns: readonly BinnedColumn[],
    sizeMs: number,
    originMs: number,
  ): Promise<WindowColumnCounts[]>;
  /**
   * Up to `perWindow` rows per window of numeric columns (missing or non-numeric values as NaN), picked by
   * a hash of the prediction id, so the same rows are picked whatever order they arrived in.
   */
  numericSample(
    scope: WindowScope,
    columns: readonly { name: string; source: ColumnSource }[],
    perWindow: number,
  ): Promise<{ fromMs: number; rows: number[][] }[]>;
  /** Up to `rows` reference rows of numeric columns (as {@link numericSample}, hashed by row index). */
  referenceNumericSample(
    model: string,
    version: string,
    columns: readonly { name: string; source: ColumnSource }[],
    rows: number,
  ): Promise<number[][]>;
  /**
   * Up to `perChunk` reference rows of numeric columns per reference chunk of `sizeMs` (chunks as
   * {@link referenceChunkCounts}, rows picked as {@link referenceNumericSample}).
   */
  referenceChunkSample(
    model: string,
    version: string,
    columns: readonly { name: string; source: ColumnSource }[],
    sizeMs: number,
    originMs: number,
    perChunk: number,
  ): Promise<{ fromMs: number; rows: number[][] }[]>;
  /** The newest prediction's event time for the model (and version), null when none. */
  newestTimestamp(model: string, version?: string): Promise<number | null>;
  /** The most common version of the model's predictions in `[fromMs, toMs)`, null when none. */
  dominantVersion(model: string, fromMs: number, toMs: number): Promise<string | null>;
}
