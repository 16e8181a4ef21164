import { assertSameLength, type ClassLabel } from "./class-label.js";

/** One non-empty bin of a reliability curve. */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  meanPredicted: number;
  fractionPositive: number;
  count: number;
}

/** Reliability curve (non-empty bins only) with expected and maximum calibration error. */
export interface Calibration {
  bins: ReliabilityBin[];
  /** Σ_b (count_b / n) · |meanPredicted_b − fractionPositive_b|. */
  expectedCalibrationError: number;
  /** max_b |meanPredicted_b − fractionPositive_b|. */
  maxCalibrationError: number;
}

/**
 * Reliability curve over `binCount` equal-width bins of [0, 1], as scikit-learn's `calibration_curve`
 * with `strategy="uniform"`: bin edges `i / binCount`, a probability equal to an inner edge falls in the
 * lower bin (bins are (a, b], the first is [0, b]), empty bins are left out. Adds the expected calibration
 * error (Naeini et al. 2015, equal-width ECE) and the maximum calibration error. Throws, as
 * scikit-learn, for probabilities outside [0, 1]. Default 10 bins.
 *
 * @example
 * calibration([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3], 2).expectedCalibrationError; // 0.175
 */
export function calibration(
  yTrue: ArrayLike<ClassLabel>,
  probabilities: ArrayLike<number>,
  binCount = 10,
  positiveLabel: ClassLabel = 1,
): Calibration {
  assertSameLength(yTrue, probabilities);
  if (!Number.isInteger(binCount) || binCount < 1)
    throw new RangeError("binCount must be a positive integer");
  const edges = Array.from({ length: binCount + 1 }, (_, i) => (i === binCount ? 1 : i * (1 / binCount)));
  const sums = new Array<number>(binCount).fill(0);
  const positives = new Array<number>(binCount).fill(0);
  const counts = new Array<number>(binCount).fill(0);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i] as number;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Probability at row ${i} is outside [0, 1]: ${p}`);
    // As numpy.searchsorted(edges[1:-1], p, side="left"): the number of inner edges strictly below p.
    let lo = 0;
    let hi = binCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((edges[mid + 1] as number) < p) lo = mid + 1;
      else hi = mid;
    }
    sums[lo] = (sums[lo] as number) + p;
    counts[lo] = (counts[lo] as number) + 1;
    if (yTrue[i] === positiveLabel) positives[lo] = (positives[lo] as number) + 1;
  }
  const bins: ReliabilityBin[] = [];
  let ece = 0;
  let mce = 0;
  for (let b = 0; b < binCount; b++) {
    const count = counts[b] as number;
    if (count === 0) continue;
    const meanPredicted = (sums[b] as number) / count;
    const fractionPositive = (positives[b] as number) / count;
    const gap = Math.abs(meanPredicted - fractionPositive);
    ece += (count / probabilities.length) * gap;
    mce = Math.max(mce, gap);
    bins.push({
      lower: edges[b] as number,
      upper: edges[b + 1] as number,
      meanPredicted,
      fractionPositive,
      count,
    });
  }
  return { bins, expectedCalibrationError: ece, maxCalibrationError: mce };
}
