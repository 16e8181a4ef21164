import type { LabelRow, PredictionRow } from "../ingest/prediction-row.js";

/**
 * A stored prediction row for store-level tests: every optional column empty, prediction 1, version v1,
 * times at 0; the given fields override.
 *
 * @example
 * await store.insertPredictions([predictionRow({ model: "m", id: "a", featuresJson: '{"x":1}' })]);
 */
export function predictionRow(
  fields: Pick<PredictionRow, "model" | "id"> & Partial<PredictionRow>,
): PredictionRow {
  return {
    tsMs: 0,
    version: "v1",
    featuresJson: "{}",
    predictionJson: "1",
    predictionNum: 1,
    scoresJson: null,
    score: null,
    latencyMs: null,
    error: null,
    traceId: null,
    tagsJson: null,
    violationsJson: null,
    violationCount: 0,
    receivedMs: 0,
    runId: null,
    ...fields,
  };
}

/**
 * A stored label row for store-level tests: a numeric label, received a second after its time.
 *
 * @example
 * await store.upsertLabels([labelRow("m", "a", 1, Date.UTC(2024, 0, 1))]);
 */
export function labelRow(model: string, id: string, value: number, tsMs: number): LabelRow {
  return { model, id, labelJson: String(value), labelNum: value, tsMs, receivedMs: tsMs + 1000 };
}
