import type { DriftCellResult } from "../drift-cell-result.js";

type ThresholdSource = DriftCellResult["threshold_source"];

/**
 * Where a drift threshold came from, in words (the engine's `threshold_source`).
 *
 * @example
 * thresholdSourceText.reference_chunks; // "spread of the reference's chunks"
 */
export const thresholdSourceText: Record<ThresholdSource, string> = {
  p_value: "significance level",
  calibrated: "calibrated on the reference",
  min_effect: "minimum effect",
  reference_chunks: "spread of the reference's chunks",
};

/**
 * The words for a check's `threshold_source` (in an alert's evidence), or null when it has none.
 *
 * @example
 * thresholdSourceOf({ threshold_source: "p_value" }); // "significance level"
 */
export function thresholdSourceOf(check: Record<string, unknown>): string | null {
  const source = check.threshold_source;
  return typeof source === "string" && Object.hasOwn(thresholdSourceText, source)
    ? thresholdSourceText[source as ThresholdSource]
    : null;
}
