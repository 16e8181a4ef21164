import {
  type CalibratedThreshold,
  calibrateThreshold,
  type DriftMethod,
  RandomSource,
} from "@sightline/stats";
import type { ColumnCounts } from "../../store/window-store.js";
import { prepareComparison, runComparison } from "./histogram-drift.js";
import { multinomialSample } from "./multinomial-sample.js";
import type { ReferenceColumn } from "./reference-profile.js";

/** Options of {@link calibrateDriftThreshold}. */
export interface DriftCalibrationOptions {
  /** Bootstrap draws; default 50. */
  draws?: number;
  /** Seed of the draws, so the same reference always gives the same threshold. */
  seed?: number;
  /** Smallest statistic that matters (the report's default threshold of the method, usually). */
  minEffect?: number;
}

/**
 * A threshold for a distance method at windows of `size` rows, from the reference alone: a parametric
 * bootstrap of its histogram (windows of `size` rows drawn from the reference bin shares, each compared
 * with the reference by the same method on the same bins), then mean + 3·sd of those statistics (NannyML's
 * rule, via stats calibrateThreshold) and the minimum effect. Resampling the histogram, not the rows,
 * keeps calibration as cheap as one comparison per draw and needs no reference row in Node.
 *
 * @example
 * calibrateDriftThreshold(referenceColumn, "jensen-shannon", 5_000, { minEffect: 0.1 }).threshold; // 0.1
 */
export function calibrateDriftThreshold(
  column: ReferenceColumn,
  method: DriftMethod,
  size: number,
  options: DriftCalibrationOptions = {},
): CalibratedThreshold {
  const reference = column.counts;
  const total = reference.counts.reduce((s, c) => s + c, 0);
  const shares = reference.counts.map((c) => c / total);
  const means = reference.counts.map((c, k) => (c > 0 ? (reference.sums[k] ?? 0) / c : 0));
  const random = new RandomSource(options.seed ?? 20_240_601);
  const draws = options.draws ?? 50;
  const statistics: number[] = [];
  for (let d = 0; d < draws; d++) {
    const counts = Array.from(multinomialSample(random, size, shares));
    const current: ColumnCounts = {
      counts,
      sums: reference.sums.length === 0 ? [] : counts.map((c, k) => c * (means[k] as number)),
      present: size,
      min: reference.min,
      max: reference.max,
    };
    const prepared = prepareComparison(column, current, method);
    statistics.push(runComparison(column, current, prepared).statistic);
  }
  return calibrateThreshold(statistics, {
    rule: { kind: "mean+k*sd", k: 3 },
    ...(options.minEffect === undefined ? {} : { minEffect: options.minEffect }),
  });
}

/**
 * The window size a threshold is calibrated at: sizes are bucketed on a half-octave grid (ratio √2), so
 * windows of similar size share one cached threshold; noise scales as 1/sqrt(n), so a bucket moves the
 * threshold by at most ~9%.
 *
 * @example
 * sizeBucket(10_000); // 11585
 */
export function sizeBucket(rows: number): number {
  if (rows <= 1) return 1;
  return Math.round(2 ** (Math.round(2 * Math.log2(rows)) / 2));
}
