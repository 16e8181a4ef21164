import type { Violation } from "../contract/contract.js";

/** A validated prediction as the store writes it (one row of the predictions table). */
export interface PredictionRow {
  model: string;
  id: string;
  tsMs: number;
  version: string;
  /** Features as JSON text; non-finite numbers are stored as the strings "NaN", "Infinity", "-Infinity". */
  featuresJson: string;
  /** The prediction as JSON text of a scalar (`1`, `"cat"`, `true`), null for failed inferences. */
  predictionJson: string | null;
  /** Numeric view of the prediction (booleans as 0/1), for regression and histograms. */
  predictionNum: number | null;
  scoresJson: string | null;
  /** The one score a histogram shows: P(positive class) for binary, max probability for multiclass. */
  score: number | null;
  latencyMs: number | null;
  error: string | null;
  traceId: string | null;
  tagsJson: string | null;
  violationsJson: string | null;
  violationCount: number;
  receivedMs: number;
  /** The lineage run that served the prediction (`run_id`), if the client said. */
  runId: string | null;
}

/**
 * The identity of a prediction: ids are unique per model, so the same id under two models is two records.
 *
 * @example
 * predictionKey({ model: "m", id: "42" }); // "m\u000042"
 */
export function predictionKey(row: { model: string; id: string }): string {
  return `${row.model}\u0000${row.id}`;
}

/** A validated label. */
export interface LabelRow {
  model: string;
  id: string;
  labelJson: string;
  labelNum: number | null;
  tsMs: number;
  receivedMs: number;
}

/** Violations of a row, kept for metrics after the row is serialised. */
export interface AcceptedPrediction {
  row: PredictionRow;
  violations: Violation[];
}
