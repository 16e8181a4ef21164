import type { DriftMethod } from "@sightline/stats";
import type { ColumnKind } from "./column-kind.js";

/**
 * What the HTML report draws for a column: only aggregates, so the report stays small whatever the
 * input size. `histogram`: counts over shared bins `edges` (length bins + 1); `bars`: counts per
 * category (the most frequent ones, the rest merged into `otherLabel` when present).
 */
export type ColumnChart =
  | { kind: "histogram"; edges: number[]; reference: number[]; current: number[] }
  | { kind: "bars"; categories: string[]; reference: number[]; current: number[] };

/** The drift result of one column. */
export interface ColumnDrift {
  column: string;
  type: ColumnKind;
  method: DriftMethod;
  statistic: number;
  /** Null for a distance. */
  p_value: number | null;
  threshold: number;
  /** p_value < threshold for a test, statistic > threshold for a distance. */
  drift_detected: boolean;
  /** Why this method (from `selectMethod`, or "chosen with --method"), plus any adjustment made. */
  reason: string;
  /** Non-missing values compared in each window. */
  reference_count: number;
  current_count: number;
  chart: ColumnChart;
}

/** A column present in only one input, or of a type that is not compared. */
export interface SkippedColumn {
  column: string;
  reason: string;
}

/** The whole offline drift report. */
export interface DriftReport {
  reference: { path: string; rows: number };
  current: { path: string; rows: number };
  columns: ColumnDrift[];
  skipped: SkippedColumn[];
  drifted_columns: number;
  share_drifted: number;
  /** share_drifted >= dataset_share. */
  dataset_drift: boolean;
  dataset_share: number;
}

/**
 * The dataset-level verdict: how many columns drifted, their share, and whether the share reaches
 * `datasetShare` (drift of the dataset when share_drifted >= datasetShare; no columns, no drift).
 *
 * @example
 * summarizeDrift([true, false, true, false], 0.5); // { drifted_columns: 2, share_drifted: 0.5, dataset_drift: true }
 */
export function summarizeDrift(
  drifted: readonly boolean[],
  datasetShare: number,
): { drifted_columns: number; share_drifted: number; dataset_drift: boolean } {
  const count = drifted.filter(Boolean).length;
  const share = drifted.length === 0 ? 0 : count / drifted.length;
  return {
    drifted_columns: count,
    share_drifted: share,
    dataset_drift: drifted.length > 0 && share >= datasetShare,
  };
}

/**
 * Whether a result means drift: for a test (with a p-value) p_value < threshold, for a distance
 * statistic > threshold. A NaN statistic or p-value is no evidence of drift.
 *
 * @example
 * isDrift({ statistic: 0.3, p_value: null }, 0.2); // true
 * isDrift({ statistic: 2.1, p_value: 0.03 }, 0.05); // true
 */
export function isDrift(result: { statistic: number; p_value: number | null }, threshold: number): boolean {
  if (result.p_value !== null) return result.p_value < threshold;
  return result.statistic > threshold;
}
