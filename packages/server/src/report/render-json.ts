import type { DriftReport } from "./drift-report.js";

/** One column in the JSON output (non-finite statistics become null, as JSON has no Infinity). */
export interface DriftJsonColumn {
  column: string;
  type: string;
  method: string;
  statistic: number | null;
  p_value: number | null;
  threshold: number;
  drift_detected: boolean;
  reason: string;
  reference_count: number;
  current_count: number;
}

/** The JSON output of `sightline drift --format json`. */
export interface DriftJson {
  columns: DriftJsonColumn[];
  drifted_columns: number;
  share_drifted: number;
  dataset_drift: boolean;
  dataset_share: number;
  reference_rows: number;
  current_rows: number;
  skipped_columns: { column: string; reason: string }[];
}

/**
 * The report as the JSON document of `--format json`: per column the method, statistic, p-value,
 * threshold and verdict, then the dataset verdict; chart data is left out.
 *
 * @example
 * driftJson(report).dataset_drift; // boolean
 */
export function driftJson(report: DriftReport): DriftJson {
  return {
    columns: report.columns.map((c) => ({
      column: c.column,
      type: c.type,
      method: c.method,
      statistic: Number.isFinite(c.statistic) ? c.statistic : null,
      p_value: c.p_value !== null && Number.isFinite(c.p_value) ? c.p_value : null,
      threshold: c.threshold,
      drift_detected: c.drift_detected,
      reason: c.reason,
      reference_count: c.reference_count,
      current_count: c.current_count,
    })),
    drifted_columns: report.drifted_columns,
    share_drifted: report.share_drifted,
    dataset_drift: report.dataset_drift,
    dataset_share: report.dataset_share,
    reference_rows: report.reference.rows,
    current_rows: report.current.rows,
    skipped_columns: report.skipped,
  };
}

/**
 * {@link driftJson} as indented text with a final newline.
 *
 * @example
 * renderDriftJson(report); // '{\n  "columns": [ ...'
 */
export function renderDriftJson(report: DriftReport): string {
  return `${JSON.stringify(driftJson(report), null, 2)}\n`;
}
