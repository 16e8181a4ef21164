import { assertSameLength, type ClassLabel, labelIndex, uniqueSortedLabels } from "./class-label.js";

/** How per-class scores are combined, as scikit-learn's `average` argument. */
export type Average = "binary" | "macro" | "micro" | "weighted";

/** Per-class counts: true positives, rows predicted as the class, rows truly of the class. */
export interface ClassCounts {
  label: ClassLabel;
  truePositives: number;
  predicted: number;
  actual: number;
}

/**
 * Precision, recall and F1. `zeroDivision` is true when a ratio had a zero denominator and was set to 0:
 * scikit-learn's default `zero_division="warn"` returns 0 and warns; we return 0 and set this flag.
 */
export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
  zeroDivision: boolean;
}

export interface PrecisionRecallF1Options {
  /** Default "binary". */
  average?: Average;
  /** Classes to score for macro/micro/weighted (default: the sorted union of both arrays). */
  labels?: readonly ClassLabel[];
  /** The positive class for `average: "binary"` (default 1). */
  positiveLabel?: ClassLabel;
}

/**
 * Per-class counts for `labels`, as scikit-learn's `multilabel_confusion_matrix`: `predicted` and `actual`
 * count every row, including rows whose other label is outside `labels`.
 *
 * @example
 * classCounts([0, 1, 1], [1, 1, 0], [0, 1]);
 * // [{ label: 0, truePositives: 0, predicted: 1, actual: 1 }, { label: 1, truePositives: 1, predicted: 2, actual: 2 }]
 */
export function classCounts(
  yTrue: ArrayLike<ClassLabel>,
  yPred: ArrayLike<ClassLabel>,
  labels: readonly ClassLabel[],
): ClassCounts[] {
  assertSameLength(yTrue, yPred);
  const index = labelIndex(labels);
  const out = labels.map((label) => ({ label, truePositives: 0, predicted: 0, actual: 0 }));
  for (let i = 0; i < yTrue.length; i++) {
    const t = index.get(yTrue[i] as ClassLabel);
    const p = index.get(yPred[i] as ClassLabel);
    if (t !== undefined) (out[t] as ClassCounts).actual++;
    if (p !== undefined) (out[p] as ClassCounts).predicted++;
    if (t !== undefined && t === p) (out[t] as ClassCounts).truePositives++;
  }
  return out;
}

function ratio(num: number, den: number, flag: { zero: boolean }): number {
  if (den === 0) {
    flag.zero = true;
    return 0;
  }
  return num / den;
}

function f1Of(precision: number, recall: number): number {
  const den = precision + recall;
  return den === 0 ? 0 : (2 * precision * recall) / den;
}

/**
 * Precision, recall and F1 from per-class counts (so the store can count in SQL), averaged as
 * scikit-learn's `precision_recall_fscore_support`: "macro" is the unweighted mean over the given classes,
 * "weighted" weights by `actual`, "micro" pools the counts, "binary" expects exactly one class (the
 * positive one). With "weighted" and no actual rows at all, returns scikit-learn's special case (0s).
 *
 * @example
 * precisionRecallF1FromCounts([{ label: 1, truePositives: 3, predicted: 4, actual: 6 }], "binary");
 * // { precision: 0.75, recall: 0.5, f1: 0.6, zeroDivision: false }
 */
export function precisionRecallF1FromCounts(
  counts: readonly ClassCounts[],
  average: Average,
): PrecisionRecallF1 {
  const flag = { zero: false };
  if (average === "micro" || average === "binary") {
    if (average === "binary" && counts.length !== 1) throw new RangeError("average 'binary' needs one class");
    let tp = 0;
    let predicted = 0;
    let actual = 0;
    for (const c of counts) {
      tp += c.truePositives;
      predicted += c.predicted;
      actual += c.actual;
    }
    const precision = ratio(tp, predicted, flag);
    const recall = ratio(tp, actual, flag);
    return { precision, recall, f1: f1Of(precision, recall), zeroDivision: flag.zero };
  }
  const per = counts.map((c) => {
    const precision = ratio(c.truePositives, c.predicted, flag);
    const recall = ratio(c.truePositives, c.actual, flag);
    return { precision, recall, f1: f1Of(precision, recall), weight: average === "weighted" ? c.actual : 1 };
  });
  const totalWeight = per.reduce((s, p) => s + p.weight, 0);
  if (totalWeight === 0) {
    return { precision: 0, recall: 0, f1: 0, zeroDivision: true };
  }
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  for (const p of per) {
    precision += p.precision * p.weight;
    recall += p.recall * p.weight;
    f1 += p.f1 * p.weight;
  }
  return {
    precision: precision / totalWeight,
    recall: recall / totalWeight,
    f1: f1 / totalWeight,
    zeroDivision: flag.zero,
  };
}

/**
 * Precision, recall and F1 from label arrays, as scikit-learn's `precision_recall_fscore_support` with its
 * default `zero_division="warn"` (ill-defined ratios are 0, flagged by `zeroDivision`). "binary" throws if
 * more than two classes occur, or if `positiveLabel` is absent while two classes occur (as scikit-learn).
 *
 * @example
 * precisionRecallF1([1, 1, 0, 0], [1, 0, 0, 1]); // { precision: 0.5, recall: 0.5, f1: 0.5, zeroDivision: false }
 * precisionRecallF1(["a", "b", "c"], ["a", "c", "c"], { average: "macro" });
 */
export function precisionRecallF1(
  yTrue: ArrayLike<ClassLabel>,
  yPred: ArrayLike<ClassLabel>,
  options: PrecisionRecallF1Options = {},
): PrecisionRecallF1 {
  const average = options.average ?? "binary";
  const present = uniqueSortedLabels(yTrue, yPred);
  if (average === "binary") {
    const positive = options.positiveLabel ?? 1;
    if (present.length > 2) throw new RangeError("Target is multiclass but average is 'binary'");
    if (present.length === 2 && !present.includes(positive)) {
      throw new RangeError(`positiveLabel ${String(positive)} is not one of the labels`);
    }
    return precisionRecallF1FromCounts(classCounts(yTrue, yPred, [positive]), "binary");
  }
  return precisionRecallF1FromCounts(classCounts(yTrue, yPred, options.labels ?? present), average);
}
