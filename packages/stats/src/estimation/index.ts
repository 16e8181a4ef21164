// Public API of the estimation folder, listed by name; the package index assembles it.
export {
  type EstimatedMetric,
  estimatePerformance,
  estimatePerformanceFromProbabilities,
  type PerformanceEstimate,
} from "./cbpe.js";
export { type IsotonicFit, isotonicRegression, predictIsotonic } from "./isotonic.js";
export { applyCalibration, calibrateScores, type ScoreCalibrator } from "./score-calibrator.js";
