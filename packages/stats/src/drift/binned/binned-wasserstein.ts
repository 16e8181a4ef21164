import type { DriftTestResult } from "../drift-test-result.js";
import { cdfDistance, type WeightedSample } from "../sample/cdf-distance.js";
import { checkCuts } from "./binning.js";
import { checkCountPair } from "./count-pair.js";

/** Where each bin's mass sits, and what the data range is. */
export interface BinnedWassersteinOptions {
  /** The interior bin cuts both count vectors were made with (see `binning.ts`). */
  cuts: ArrayLike<number>;
  /**
   * [min, max] of the data of both windows (cheap to aggregate in SQL). Bounds the open outer bins:
   * their midpoints become (min + cuts[0]) / 2 and (cuts[last] + max) / 2, and it enables the
   * `errorBound`. It must contain every value for the bound to hold.
   */
  range?: readonly [min: number, max: number];
  /** Mean value of the reference in each bin (better than midpoints); NaN for an empty bin. */
  referenceMeans?: ArrayLike<number>;
  /** Mean value of the current window in each bin; NaN for an empty bin. */
  currentMeans?: ArrayLike<number>;
}

/** A binned Wasserstein distance with its guaranteed distance from the raw-sample one. */
export interface BinnedWassersteinResult extends DriftTestResult {
  /**
   * |statistic - raw-sample Wasserstein| <= errorBound = sum over bins of (r_k + c_k) * w_k / 2,
   * with r_k, c_k the bin shares and w_k the bin width within `range`; null without `range`.
   */
  errorBound: number | null;
}

/**
 * Wasserstein-1 distance between two histograms over shared bins, each bin's mass placed at one
 * representative point: the per-bin mean when the caller supplies it (exact for data inside one
 * bin), else the bin midpoint. Open outer bins need a finite end: `range` if given, else each outer bin
 * is taken as wide as its inner neighbour (a guess: pass `range` or means when the tails
 * matter; with fewer than two cuts one of them is required). The distance is then that of
 * `scipy.stats.wasserstein_distance(points, points, reference, current)` on the representatives.
 *
 * Error: moving the mass of a bin of width w to any point inside it moves each distribution by at
 * most (its share) * w / 2 in Wasserstein distance, so by the triangle inequality the result is
 * within sum_k (r_k + c_k) w_k / 2 of the raw-sample distance (`errorBound`, given `range`).
 *
 * @example
 * binnedWasserstein([1, 1, 0], [0, 1, 1], { cuts: [1, 2], range: [0, 3] }); // statistic 1
 */
export function binnedWasserstein(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: BinnedWassersteinOptions,
): BinnedWassersteinResult {
  const { cuts, range } = options;
  checkCuts(cuts);
  const { referenceTotal, currentTotal } = checkCountPair(reference, current);
  const bins = cuts.length + 1;
  if (reference.length !== bins) {
    throw new RangeError(`${cuts.length} cuts make ${bins} bins, but the counts have ${reference.length}`);
  }
  const [lower, upper] = binBounds(cuts, range);
  const midpoints = new Float64Array(bins);
  for (let k = 0; k < bins; k++) midpoints[k] = ((lower[k] as number) + (upper[k] as number)) / 2;
  let errorBound: number | null = null;
  if (range !== undefined) {
    errorBound = 0;
    for (let k = 0; k < bins; k++) {
      const share = (reference[k] as number) / referenceTotal + (current[k] as number) / currentTotal;
      errorBound += (share * ((upper[k] as number) - (lower[k] as number))) / 2;
    }
  }
  const statistic =
    options.referenceMeans === undefined &&
    options.currentMeans === undefined &&
    midpoints.every(Number.isFinite)
      ? sharedPointsDistance(reference, current, referenceTotal, currentTotal, midpoints)
      : cdfDistance(
          1,
          representatives(reference, midpoints, options.referenceMeans),
          representatives(current, midpoints, options.currentMeans),
        );
  return { statistic, p_value: null, errorBound };
}

// Both histograms at the same increasing points (the midpoints): the CDFs only step there, so the
// distance is sum_k |A_k - B_k| (x_{k+1} - x_k) over cumulative shares, in O(bins) with no sort.
function sharedPointsDistance(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  referenceTotal: number,
  currentTotal: number,
  points: Float64Array,
): number {
  let a = 0;
  let b = 0;
  let total = 0;
  for (let k = 0; k < points.length - 1; k++) {
    a += reference[k] as number;
    b += current[k] as number;
    total +=
      Math.abs(a / referenceTotal - b / currentTotal) * ((points[k + 1] as number) - (points[k] as number));
  }
  return total;
}

// Finite [lower, upper] of every bin: the outer ends from `range`, else extrapolated.
function binBounds(
  cuts: ArrayLike<number>,
  range: readonly [number, number] | undefined,
): [Float64Array, Float64Array] {
  const m = cuts.length;
  const bins = m + 1;
  const lower = new Float64Array(bins);
  const upper = new Float64Array(bins);
  for (let k = 1; k < m; k++) {
    lower[k] = cuts[k - 1] as number;
    upper[k] = cuts[k] as number;
  }
  if (range !== undefined) {
    const [min, max] = range;
    if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max)) {
      throw new RangeError(`range must be finite with min <= max, got [${min}, ${max}]`);
    }
    lower[0] = m === 0 ? min : Math.min(min, cuts[0] as number);
    upper[m] = m === 0 ? max : Math.max(max, cuts[m - 1] as number);
  } else if (m >= 2) {
    lower[0] = 2 * (cuts[0] as number) - (cuts[1] as number);
    upper[m] = 2 * (cuts[m - 1] as number) - (cuts[m - 2] as number);
  } else {
    lower[0] = Number.NaN;
    upper[m] = Number.NaN;
  }
  if (m >= 1) {
    upper[0] = cuts[0] as number;
    lower[m] = cuts[m - 1] as number;
  }
  return [lower, upper];
}

function representatives(
  counts: ArrayLike<number>,
  midpoints: Float64Array,
  means: ArrayLike<number> | undefined,
): WeightedSample {
  if (means !== undefined && means.length !== counts.length) {
    throw new RangeError(`${means.length} bin means for ${counts.length} bins`);
  }
  const values: number[] = [];
  const weights: number[] = [];
  for (let k = 0; k < counts.length; k++) {
    const w = counts[k] as number;
    if (w === 0) continue;
    const mean = means === undefined ? Number.NaN : (means[k] as number);
    const point = Number.isFinite(mean) ? mean : (midpoints[k] as number);
    if (!Number.isFinite(point)) {
      throw new RangeError("an outer bin has no finite representative: pass `range` or per-bin means");
    }
    values.push(point);
    weights.push(w);
  }
  return { values: Float64Array.from(values), weights: Float64Array.from(weights) };
}
