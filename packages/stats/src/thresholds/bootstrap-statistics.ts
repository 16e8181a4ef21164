import { RandomSource } from "../random/random-source.js";
import { sampleWithReplacement } from "../random/sample-with-replacement.js";

/** Any two-sample statistic where larger means more different, e.g. a distance or a KS D. */
export type TwoSampleStatistic = (reference: Float64Array, current: Float64Array) => number;

/** Options of {@link bootstrapStatistics}. */
export interface BootstrapOptions {
  /** Number of bootstrap draws; default 200. */
  iterations?: number;
  /** Seed of the random source; default 0, so results are reproducible unless asked otherwise. */
  seed?: number;
  /**
   * Also resample the reference (to its own size) in each draw. The default (false) compares the
   * reference with a resample of itself, which captures the noise of the current window only; that
   * is accurate when the reference is much larger than the window, and too tight when they are of
   * similar size (the reference's own noise is missing). Set true in that case.
   */
  resampleReference?: boolean;
}

function finiteValues(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out.push(v);
  }
  return Float64Array.from(out);
}

/**
 * The distribution of a statistic under "no drift" at a given window size: each draw takes a
 * bootstrap sample of `currentSize` rows from the reference and computes statistic(reference, sample).
 * Because the sample has the current window's size, the resulting threshold depends on the window
 * size, as the statistic's noise does. Non-finite reference values are dropped first.
 *
 * @example
 * const distance = (r: Float64Array, c: Float64Array) => normalizedWassersteinDistance(r, c).statistic;
 * const stats = bootstrapStatistics(reference, 5_000, distance, { iterations: 200, seed: 1 });
 * calibrateThreshold(stats, { rule: { kind: "quantile", q: 0.99 } });
 */
export function bootstrapStatistics(
  reference: ArrayLike<number>,
  currentSize: number,
  statistic: TwoSampleStatistic,
  options: BootstrapOptions = {},
): Float64Array {
  const iterations = options.iterations ?? 200;
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new RangeError(`iterations must be a positive integer`);
  if (!Number.isInteger(currentSize) || currentSize < 1)
    throw new RangeError(`currentSize must be a positive integer`);
  const clean = finiteValues(reference);
  if (clean.length === 0) throw new RangeError("the reference has no finite values");
  const random = new RandomSource(options.seed ?? 0);
  const out = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const base = options.resampleReference ? sampleWithReplacement(clean, clean.length, random) : clean;
    out[i] = statistic(base, sampleWithReplacement(clean, currentSize, random));
  }
  return out;
}
