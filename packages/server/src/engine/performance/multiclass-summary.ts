import { type ClassCounts, precisionRecallF1FromCounts } from "@sightline/stats";
import type { ClassPairRow } from "../../store/performance-store.js";
import { classValue } from "./class-key.js";
import { finite } from "./finite.js";

/** Counts of labelled rows per (actual, predicted) class pair, keyed `actual\u0000predicted`. */
export type MulticlassSummary = Map<string, number>;

/**
 * Adds class-pair rows into a summary, in place (cumulative = the sum of windows).
 *
 * @example
 * addClassPairs(new Map(), [{ window: 0, actual: '"a"', predicted: '"b"', count: 2 }]);
 */
export function addClassPairs(summary: MulticlassSummary, rows: readonly ClassPairRow[]): MulticlassSummary {
  for (const r of rows) {
    const key = `${r.actual}\u0000${r.predicted}`;
    summary.set(key, (summary.get(key) ?? 0) + r.count);
  }
  return summary;
}

/** Multiclass metrics of a window, as the API answers them. */
export interface MulticlassMetricsJson {
  n: number;
  accuracy: number | null;
  macro_precision: number | null;
  macro_recall: number | null;
  macro_f1: number | null;
  micro_precision: number | null;
  micro_recall: number | null;
  micro_f1: number | null;
  weighted_precision: number | null;
  weighted_recall: number | null;
  weighted_f1: number | null;
  /** Classes in order, and counts[actual][predicted]. */
  confusion_matrix: { labels: (number | string)[]; counts: number[][] };
}

/**
 * Accuracy and macro/micro/weighted precision, recall and F1 from class-pair counts, as scikit-learn's
 * `accuracy_score` and `precision_recall_fscore_support` with the default labels (the classes present in
 * the window's truth or predictions), via stats' `precisionRecallF1FromCounts`. Null without rows.
 *
 * @example
 * multiclassMetrics(new Map([['"a"\u0000"a"', 2], ['"b"\u0000"a"', 1]]))?.accuracy; // 0.666…
 */
export function multiclassMetrics(summary: MulticlassSummary): MulticlassMetricsJson | null {
  const labels = new Set<string>();
  let n = 0;
  let correct = 0;
  for (const [key, count] of summary) {
    const [actual, predicted] = key.split("\u0000") as [string, string];
    labels.add(actual);
    labels.add(predicted);
    n += count;
    if (actual === predicted) correct += count;
  }
  if (n === 0) return null;
  const ordered = [...labels].sort();
  const index = new Map(ordered.map((l, i) => [l, i]));
  const counts: ClassCounts[] = ordered.map((l) => ({
    label: l,
    truePositives: 0,
    predicted: 0,
    actual: 0,
  }));
  const matrix = ordered.map(() => ordered.map(() => 0));
  for (const [key, count] of summary) {
    const [actual, predicted] = key.split("\u0000") as [string, string];
    const a = index.get(actual) as number;
    const p = index.get(predicted) as number;
    (counts[a] as ClassCounts).actual += count;
    (counts[p] as ClassCounts).predicted += count;
    if (a === p) (counts[a] as ClassCounts).truePositives += count;
    (matrix[a] as number[])[p] = ((matrix[a] as number[])[p] as number) + count;
  }
  const macro = precisionRecallF1FromCounts(counts, "macro");
  const micro = precisionRecallF1FromCounts(counts, "micro");
  const weighted = precisionRecallF1FromCounts(counts, "weighted");
  return {
    n,
    accuracy: finite(correct / n),
    macro_precision: finite(macro.precision),
    macro_recall: finite(macro.recall),
    macro_f1: finite(macro.f1),
    micro_precision: finite(micro.precision),
    micro_recall: finite(micro.recall),
    micro_f1: finite(micro.f1),
    weighted_precision: finite(weighted.precision),
    weighted_recall: finite(weighted.recall),
    weighted_f1: finite(weighted.f1),
    confusion_matrix: { labels: ordered.map(classValue), counts: matrix },
  };
}
