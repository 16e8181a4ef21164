import { assertSameLength, type ClassLabel } from "./class-label.js";

/** The four cells of a binary confusion matrix; the summary the store counts per window in SQL. */
export interface BinaryConfusionCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/**
 * Every binary metric from confusion counts. Ratios with a zero denominator are 0, as scikit-learn's
 * default `zero_division` (it also warns); `zeroDivision` lists which ones were.
 */
export interface BinaryMetrics {
  n: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** Recall of the negative class (`recall_score(pos_label=0)`). */
  specificity: number;
  /** fp / (fp + tn); 0 without negatives. */
  falsePositiveRate: number;
  /** Precision of the negative class (`precision_score(pos_label=0)`). */
  negativePredictiveValue: number;
  /** As `balanced_accuracy_score`: mean recall over the classes present in the truth. */
  balancedAccuracy: number;
  /** As `matthews_corrcoef`: 0 when a marginal is degenerate. */
  matthewsCorrelation: number;
  zeroDivision: string[];
}

/**
 * Counts the binary confusion cells; a row is positive when it equals `positiveLabel` (default 1),
 * negative otherwise.
 *
 * @example
 * binaryConfusionCounts([1, 0, 1, 0], [1, 1, 0, 0]); // { tp: 1, fp: 1, tn: 1, fn: 1 }
 */
export function binaryConfusionCounts(
  yTrue: ArrayLike<ClassLabel>,
  yPred: ArrayLike<ClassLabel>,
  positiveLabel: ClassLabel = 1,
): BinaryConfusionCounts {
  assertSameLength(yTrue, yPred);
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i] === positiveLabel;
    const p = yPred[i] === positiveLabel;
    if (t && p) c.tp++;
    else if (p) c.fp++;
    else if (t) c.fn++;
    else c.tn++;
  }
  return c;
}

/**
 * Sums confusion counts, e.g. hourly windows into a day.
 *
 * @example
 * mergeBinaryConfusionCounts([{ tp: 1, fp: 0, tn: 2, fn: 0 }, { tp: 0, fp: 1, tn: 0, fn: 1 }]);
 * // { tp: 1, fp: 1, tn: 2, fn: 1 }
 */
export function mergeBinaryConfusionCounts(parts: readonly BinaryConfusionCounts[]): BinaryConfusionCounts {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const p of parts) {
    c.tp += p.tp;
    c.fp += p.fp;
    c.tn += p.tn;
    c.fn += p.fn;
  }
  return c;
}

/**
 * All binary metrics from confusion counts, each as its scikit-learn function would give on the rows.
 *
 * @example
 * binaryMetricsFromCounts({ tp: 3, fp: 1, tn: 4, fn: 2 }).f1; // 0.666…
 */
export function binaryMetricsFromCounts(counts: BinaryConfusionCounts): BinaryMetrics {
  const { tp, fp, tn, fn } = counts;
  const zeroDivision: string[] = [];
  const ratio = (name: string, num: number, den: number): number => {
    if (den === 0) {
      zeroDivision.push(name);
      return 0;
    }
    return num / den;
  };
  const n = tp + fp + tn + fn;
  const precision = ratio("precision", tp, tp + fp);
  const recall = ratio("recall", tp, tp + fn);
  const specificity = ratio("specificity", tn, tn + fp);
  const negativePredictiveValue = ratio("negativePredictiveValue", tn, tn + fn);
  const falsePositiveRate = ratio("falsePositiveRate", fp, fp + tn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const present = (tp + fn > 0 ? 1 : 0) + (tn + fp > 0 ? 1 : 0);
  const balancedAccuracy =
    present === 0 ? Number.NaN : ((tp + fn > 0 ? recall : 0) + (tn + fp > 0 ? specificity : 0)) / present;
  // As matthews_corrcoef: covariances from the confusion matrix marginals.
  const truePos = tp + fn;
  const trueNeg = tn + fp;
  const predPos = tp + fp;
  const predNeg = tn + fn;
  const covTP = (tp + tn) * n - (truePos * predPos + trueNeg * predNeg);
  const covPP = n * n - (predPos * predPos + predNeg * predNeg);
  const covTT = n * n - (truePos * truePos + trueNeg * trueNeg);
  const matthewsCorrelation = covPP * covTT === 0 ? 0 : covTP / Math.sqrt(covTT * covPP);
  return {
    n,
    accuracy: (tp + tn) / n,
    precision,
    recall,
    f1,
    specificity,
    falsePositiveRate,
    negativePredictiveValue,
    balancedAccuracy,
    matthewsCorrelation,
    zeroDivision,
  };
}
