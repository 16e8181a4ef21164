import type { ContractIndex } from "../contract/check-prediction.js";
import { normalizePrediction } from "./normalize-prediction.js";
import type { ParsedBatch } from "./parse-body.js";
import type { AcceptedPrediction } from "./prediction-row.js";
import type { Rejection } from "./record-error.js";

/** A batch of predictions after validation: the rows to store and the records rejected, by batch index. */
export interface ValidatedPredictions {
  /** Records in the request (accepted + rejected). */
  records: number;
  accepted: AcceptedPrediction[];
  /** Sorted by index. */
  rejected: Rejection[];
}

/**
 * Validates and normalises every record of a parsed batch, checking each against its version's contract.
 * Pure apart from the ids it mints for records without one, so it runs alike on the event loop or in a
 * validation worker.
 *
 * @example
 * const v = validatePredictions(parseNdjsonBatch(text), "churn", nowMs, (version) => contracts.get("churn", version));
 * v.accepted.length + v.rejected.length === v.records; // true
 */
export function validatePredictions(
  batch: ParsedBatch,
  model: string,
  nowMs: number,
  contractFor: (version: string) => ContractIndex | undefined,
): ValidatedPredictions {
  const { values } = batch;
  const rejected: Rejection[] = batch.rejections.slice();
  const failed = rejected.length === 0 ? null : new Set(rejected.map((r) => r.index));
  const accepted: AcceptedPrediction[] = [];
  for (let index = 0; index < values.length; index++) {
    if (failed?.has(index)) continue;
    const result = normalizePrediction(values[index], index, model, nowMs, contractFor);
    if ("row" in result) accepted.push(result);
    else rejected.push(result);
  }
  if (failed !== null || rejected.length > 0) rejected.sort((a, b) => a.index - b.index);
  return { records: values.length, accepted, rejected };
}
