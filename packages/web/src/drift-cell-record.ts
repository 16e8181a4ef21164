import type { DriftMatrixAnswer } from "sightline/api-types";
import type { DriftCellResult } from "./drift-cell-result.js";

/**
 * The full record of the matrix cell at `column` (an index into `matrix.columns`) in window `w`: its numbers
 * with the threshold source, rows and reason the matrix answer carries for it, so an opened cell needs no
 * request of its own. Null without a result.
 *
 * @example
 * matrixCellRecord(matrix, 0, matrix.columns.indexOf("distance"))?.reason;
 * // "numeric from histograms, 200 rows in the smaller window (<= 1000): binned KS"
 */
export function matrixCellRecord(
  matrix: DriftMatrixAnswer,
  w: number,
  column: number,
): DriftCellResult | null {
  const window = matrix.windows[w];
  const name = matrix.columns[column];
  const drift = window?.drift[column];
  const source = matrix.threshold_sources[window?.threshold_source[column] ?? -1];
  const reason = matrix.reasons[window?.reason[column] ?? -1];
  const rows = window?.column_rows[column];
  const referenceRows = matrix.column_reference_rows[column];
  if (
    !window ||
    name === undefined ||
    drift === null ||
    drift === undefined ||
    source === undefined ||
    reason === undefined ||
    rows === null ||
    rows === undefined ||
    referenceRows === undefined
  ) {
    return null;
  }
  return {
    column: name,
    method: matrix.methods[window.method[column] ?? -1] ?? "",
    statistic: window.statistic[column] ?? Number.NaN,
    p_value: window.p_value[column] ?? null,
    threshold: window.threshold[column] ?? Number.NaN,
    drift_detected: drift,
    threshold_source: source,
    reason,
    rows,
    reference_rows: referenceRows,
  };
}
