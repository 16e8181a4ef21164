import type { DriftCellNumbers } from "./drift-cell-result.js";

/** How bad a drift result is, 0 (far from the threshold) to 3 (drifted well past it). */
export type DriftSeverity = 0 | 1 | 2 | 3;

/**
 * How far a result is from its threshold, as a ratio where 1 is the threshold: statistic / threshold for
 * distances (drift above), threshold / p-value for tests (drift below). Infinity for a p-value of 0.
 *
 * @example
 * thresholdRatio({ statistic: 0.3, p_value: null, threshold: 0.1 }); // 3
 * thresholdRatio({ statistic: 12, p_value: 0.01, threshold: 0.05 }); // 5
 */
export function thresholdRatio(
  column: Pick<DriftCellNumbers, "statistic" | "p_value" | "threshold">,
): number {
  if (column.p_value !== null)
    return column.p_value === 0 ? Number.POSITIVE_INFINITY : column.threshold / column.p_value;
  return column.threshold > 0 ? column.statistic / column.threshold : Number.POSITIVE_INFINITY;
}

/**
 * The colour band of a drift matrix cell: 0 below half the threshold, 1 approaching it, 2 drifted, 3
 * drifted by more than 4 times the threshold. The server's `drift_detected` decides 2 and 3, so the
 * colour never contradicts the verdict.
 *
 * @example
 * driftSeverity({ statistic: 0.05, p_value: null, threshold: 0.1, drift_detected: false }); // 1
 */
export function driftSeverity(column: DriftCellNumbers): DriftSeverity {
  const ratio = thresholdRatio(column);
  if (column.drift_detected) return ratio > 4 ? 3 : 2;
  return ratio >= 0.5 ? 1 : 0;
}
