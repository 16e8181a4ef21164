// Public API of the metrics folder, listed by name; the package index assembles it.
export { accuracy } from "./accuracy.js";
export { averagePrecision } from "./average-precision.js";
export { binnedAveragePrecision } from "./average-precision-binned.js";
export {
  type BinaryConfusionCounts,
  type BinaryMetrics,
  binaryConfusionCounts,
  binaryMetricsFromCounts,
  mergeBinaryConfusionCounts,
} from "./binary-confusion-counts.js";
export { brierScore } from "./brier-score.js";
export { type Calibration, calibration, type ReliabilityBin } from "./calibration.js";
export {
  type CalibrationBinSums,
  calibrationFromBinSums,
  uniformCalibrationEdges,
} from "./calibration-binned.js";
export { estimatePerformanceFromScoreGroups, type ScoreGroup } from "./cbpe-score-groups.js";
export { type ClassLabel, uniqueSortedLabels } from "./class-label.js";
export { type ClassificationReport, classificationReport } from "./classification-report.js";
export { type ConfusionMatrix, confusionMatrix } from "./confusion-matrix.js";
export { FLOAT64_EPS, type LogLossOptions, logLoss } from "./log-loss.js";
export {
  type Average,
  type ClassCounts,
  classCounts,
  type PrecisionRecallF1,
  type PrecisionRecallF1Options,
  precisionRecallF1,
  precisionRecallF1FromCounts,
} from "./precision-recall-f1.js";
export { type RegressionMetrics, regressionMetrics } from "./regression-metrics.js";
export {
  mergeRegressionSummaries,
  type RegressionSummary,
  type RegressionSummaryMetrics,
  regressionMetricsFromSummary,
  regressionSummary,
} from "./regression-summary.js";
export { rocAuc, rocAucFromGroups } from "./roc-auc.js";
export { type BinnedRocAuc, binnedRocAuc, type ScoreHistograms, scoreHistograms } from "./roc-auc-binned.js";
export { rocAucOneVsRest } from "./roc-auc-one-vs-rest.js";
