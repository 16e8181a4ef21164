import { type DelayModel, scoreDelay } from "./delay-model.js";
import type { Flight } from "./flight.js";

/** Hold-out metrics of a {@link DelayModel}. */
export interface ModelMetrics {
  rows: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** ROC AUC by the rank-sum (Mann-Whitney U) formula with average ranks for ties, as scikit-learn's roc_auc_score. */
  roc_auc: number;
  positive_rate: number;
}

/**
 * Scores the flights and compares with their labels.
 *
 * @example
 * const { f1, roc_auc } = evaluateModel(model, testFlights);
 */
export function evaluateModel(model: DelayModel, flights: readonly Flight[]): ModelMetrics {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  const scored = flights.map((f) => ({ score: scoreDelay(model, f), label: f.delayed }));
  for (const { score, label } of scored) {
    const predicted = score >= model.threshold ? 1 : 0;
    if (predicted === 1 && label === 1) tp++;
    else if (predicted === 1) fp++;
    else if (label === 1) fn++;
    else tn++;
  }
  scored.sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < scored.length; ) {
    let j = i;
    while (j < scored.length && scored[j]?.score === scored[i]?.score) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (scored[k]?.label === 1) {
        rankSum += rank;
        positives++;
      }
    }
    i = j;
  }
  const negatives = scored.length - positives;
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    rows: flights.length,
    accuracy: ratio(tp + tn, flights.length),
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    roc_auc: ratio(rankSum - (positives * (positives + 1)) / 2, positives * negatives),
    positive_rate: ratio(tp + fp, flights.length),
  };
}
