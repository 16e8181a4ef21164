import type { Calibration, ReliabilityBin } from "./calibration.js";

/** One bin of a reliability curve as the store sums it: rows, Σ probability, rows of the positive class. */
export interface CalibrationBinSums {
  count: number;
  sumPredicted: number;
  positives: number;
}

/**
 * The bin edges `calibration` uses for `binCount` equal-width bins of [0, 1] (numpy's `linspace`), so a
 * store can assign rows to the same bins: a probability p goes to the number of inner edges strictly below
 * it (bins are (a, b], the first is [0, b]).
 *
 * @example
 * uniformCalibrationEdges(2); // [0, 0.5, 1]
 */
export function uniformCalibrationEdges(binCount: number): number[] {
  if (!Number.isInteger(binCount) || binCount < 1)
    throw new RangeError("binCount must be a positive integer");
  return Array.from({ length: binCount + 1 }, (_, i) => (i === binCount ? 1 : i * (1 / binCount)));
}

/**
 * Reliability curve, expected and maximum calibration error from per-bin sums over the edges of
 * `uniformCalibrationEdges(sums.length)`: the same result as `calibration` (scikit-learn's
 * `calibration_curve(strategy="uniform")` plus Naeini et al.'s equal-width ECE) on the rows, from
 * summaries that add up across windows. Empty bins are left out.
 *
 * @example
 * calibrationFromBinSums([{ count: 2, sumPredicted: 0.4, positives: 0 }, { count: 2, sumPredicted: 1.7, positives: 2 }])
 *   .expectedCalibrationError; // 0.175
 */
export function calibrationFromBinSums(sums: readonly CalibrationBinSums[]): Calibration {
  const edges = uniformCalibrationEdges(sums.length);
  let n = 0;
  for (const s of sums) n += s.count;
  const bins: ReliabilityBin[] = [];
  let ece = 0;
  let mce = 0;
  sums.forEach((s, b) => {
    if (s.count === 0) return;
    const meanPredicted = s.sumPredicted / s.count;
    const fractionPositive = s.positives / s.count;
    const gap = Math.abs(meanPredicted - fractionPositive);
    ece += (s.count / n) * gap;
    mce = Math.max(mce, gap);
    bins.push({
      lower: edges[b] as number,
      upper: edges[b + 1] as number,
      meanPredicted,
      fractionPositive,
      count: s.count,
    });
  });
  return { bins, expectedCalibrationError: ece, maxCalibrationError: mce };
}
