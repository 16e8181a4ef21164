import {
  type BinaryConfusionCounts,
  binaryMetricsFromCounts,
  binnedAveragePrecision,
  binnedRocAuc,
  type CalibrationBinSums,
  calibrationFromBinSums,
} from "@sightline/stats";
import type { BinaryCountsRow, ScoreBinRow } from "../../store/performance-store.js";
import { finite } from "./finite.js";

/** Everything binary metrics need, summed over one or more windows (so cumulative = sum of windows). */
export interface BinarySummary {
  counts: BinaryConfusionCounts;
  /** Positives and negatives per rounded score. */
  scores: Map<number, { positives: number; negatives: number }>;
  calibration: CalibrationBinSums[];
  scored: number;
  sumLogLoss: number;
  sumBrier: number;
}

/** An empty summary with `calibrationBins` ECE bins. */
export function emptyBinarySummary(calibrationBins: number): BinarySummary {
  return {
    counts: { tp: 0, fp: 0, tn: 0, fn: 0 },
    scores: new Map(),
    calibration: Array.from({ length: calibrationBins }, () => ({ count: 0, sumPredicted: 0, positives: 0 })),
    scored: 0,
    sumLogLoss: 0,
    sumBrier: 0,
  };
}

/**
 * Adds store rows (confusion counts and score bins) into a summary, in place.
 *
 * @example
 * const s = emptyBinarySummary(10);
 * addBinaryRows(s, [{ window: 0, tp: 1, fp: 0, tn: 1, fn: 0 }], []);
 */
export function addBinaryRows(
  summary: BinarySummary,
  counts: readonly BinaryCountsRow[],
  bins: readonly ScoreBinRow[],
): BinarySummary {
  for (const c of counts) {
    summary.counts.tp += c.tp;
    summary.counts.fp += c.fp;
    summary.counts.tn += c.tn;
    summary.counts.fn += c.fn;
  }
  for (const b of bins) {
    const at = summary.scores.get(b.score) ?? { positives: 0, negatives: 0 };
    at.positives += b.positives;
    at.negatives += b.negatives;
    summary.scores.set(b.score, at);
    const cal = summary.calibration[b.calibrationBin];
    if (cal) {
      cal.count += b.positives + b.negatives;
      cal.sumPredicted += b.sumScore;
      cal.positives += b.positives;
    }
    summary.scored += b.positives + b.negatives;
    summary.sumLogLoss += b.sumLogLoss;
    summary.sumBrier += b.sumBrier;
  }
  return summary;
}

/**
 * Sums two summaries into a new one (window + running cumulative).
 *
 * @example
 * const total = mergeBinarySummaries(emptyBinarySummary(10), emptyBinarySummary(10));
 */
export function mergeBinarySummaries(a: BinarySummary, b: BinarySummary): BinarySummary {
  const out = emptyBinarySummary(a.calibration.length);
  addBinaryRows(
    out,
    [
      { window: 0, ...a.counts },
      { window: 0, ...b.counts },
    ],
    [],
  );
  for (const s of [a, b]) {
    for (const [score, at] of s.scores) {
      const into = out.scores.get(score) ?? { positives: 0, negatives: 0 };
      into.positives += at.positives;
      into.negatives += at.negatives;
      out.scores.set(score, into);
    }
    s.calibration.forEach((c, i) => {
      const into = out.calibration[i];
      if (!into) return;
      into.count += c.count;
      into.sumPredicted += c.sumPredicted;
      into.positives += c.positives;
    });
    out.scored += s.scored;
    out.sumLogLoss += s.sumLogLoss;
    out.sumBrier += s.sumBrier;
  }
  return out;
}

/** Binary metrics of a window, as the API answers them. */
export interface BinaryMetricsJson {
  n: number;
  confusion_matrix: BinaryConfusionCounts;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  specificity: number | null;
  balanced_accuracy: number | null;
  matthews_correlation: number | null;
  /** Over labelled rows with a score: */
  scored: number;
  roc_auc: number | null;
  /** Bound on |binned − exact| ROC AUC from scores sharing a rounded value. */
  roc_auc_max_error: number | null;
  average_precision: number | null;
  log_loss: number | null;
  brier: number | null;
  ece: number | null;
}

/**
 * Every binary metric of @sightline/stats from a summary: confusion-matrix metrics as scikit-learn's
 * functions on the rows (`binaryMetricsFromCounts`), ROC AUC and average precision over the rounded-score
 * bins (`binnedRocAuc`, `binnedAveragePrecision`; exact when scores have no more decimals than the
 * rounding), log loss and Brier score as means of the per-row terms of scikit-learn 1.2.1's `log_loss`
 * (float64-eps clip) and `brier_score_loss`, ECE over equal-width bins (`calibrationFromBinSums`). Null when
 * the summary has no labelled rows.
 *
 * @example
 * binaryMetrics(emptyBinarySummary(10)); // null
 */
export function binaryMetrics(summary: BinarySummary): BinaryMetricsJson | null {
  const c = summary.counts;
  const n = c.tp + c.fp + c.tn + c.fn;
  if (n === 0 && summary.scored === 0) return null;
  const m = binaryMetricsFromCounts(c);
  const ordered = [...summary.scores.entries()].sort((x, y) => x[0] - y[0]);
  const positives = ordered.map(([, v]) => v.positives);
  const negatives = ordered.map(([, v]) => v.negatives);
  const auc = summary.scored > 0 ? binnedRocAuc(positives, negatives) : null;
  const scored = summary.scored;
  return {
    n,
    confusion_matrix: { ...c },
    accuracy: n > 0 ? finite(m.accuracy) : null,
    precision: n > 0 ? finite(m.precision) : null,
    recall: n > 0 ? finite(m.recall) : null,
    f1: n > 0 ? finite(m.f1) : null,
    specificity: n > 0 ? finite(m.specificity) : null,
    balanced_accuracy: n > 0 ? finite(m.balancedAccuracy) : null,
    matthews_correlation: n > 0 ? finite(m.matthewsCorrelation) : null,
    scored,
    roc_auc: auc ? finite(auc.rocAuc) : null,
    roc_auc_max_error: auc ? finite(auc.maxError) : null,
    average_precision: scored > 0 ? finite(binnedAveragePrecision(positives, negatives)) : null,
    log_loss: scored > 0 ? finite(summary.sumLogLoss / scored) : null,
    brier: scored > 0 ? finite(summary.sumBrier / scored) : null,
    ece: scored > 0 ? finite(calibrationFromBinSums(summary.calibration).expectedCalibrationError) : null,
  };
}
