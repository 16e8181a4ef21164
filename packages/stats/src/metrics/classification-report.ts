import { accuracy } from "./accuracy.js";
import { type ClassLabel, uniqueSortedLabels } from "./class-label.js";
import { type ClassCounts, classCounts, precisionRecallF1FromCounts } from "./precision-recall-f1.js";

/** Scores of one class, or one average, in a classification report. */
export interface ReportRow {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Per-class scores with macro and weighted averages and accuracy. */
export interface ClassificationReport {
  classes: (ReportRow & { label: ClassLabel })[];
  accuracy: number;
  macro: ReportRow;
  weighted: ReportRow;
  /** True when some precision or recall had a zero denominator and was set to 0 (scikit-learn warns). */
  zeroDivision: boolean;
}

/**
 * Per-class precision, recall, F1 and support with macro and weighted averages, as scikit-learn's
 * `classification_report(output_dict=True)` (ill-defined ratios are 0). `labels` default: the sorted union
 * of both arrays. Accuracy is over all rows.
 *
 * @example
 * classificationReport(["a", "b", "b"], ["a", "a", "b"]).macro.f1; // 0.666…
 */
export function classificationReport(
  yTrue: ArrayLike<ClassLabel>,
  yPred: ArrayLike<ClassLabel>,
  labels?: readonly ClassLabel[],
): ClassificationReport {
  const counts = classCounts(yTrue, yPred, labels ?? uniqueSortedLabels(yTrue, yPred));
  const support = counts.reduce((s, c) => s + c.actual, 0);
  const row = (cs: ClassCounts[], average: "macro" | "weighted" | "micro"): ReportRow => {
    const r = precisionRecallF1FromCounts(cs, average);
    return {
      precision: r.precision,
      recall: r.recall,
      f1: r.f1,
      support: cs.reduce((s, c) => s + c.actual, 0),
    };
  };
  return {
    classes: counts.map((c) => ({ label: c.label, ...row([c], "micro") })),
    accuracy: accuracy(yTrue, yPred),
    macro: { ...row(counts, "macro"), support },
    weighted: { ...row(counts, "weighted"), support },
    zeroDivision: precisionRecallF1FromCounts(counts, "macro").zeroDivision,
  };
}
