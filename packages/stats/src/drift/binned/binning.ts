/**
 * Bins shared by a reference and a current window, so that drift can be measured on counts alone
 * (the store aggregates histograms where the data is and ships only counts).
 *
 * Bins are described by their interior cut points `cuts` (strictly increasing, finite): with K - 1
 * cuts there are K bins, bin 0 = (-inf, cuts[0]], bin k = (cuts[k-1], cuts[k]], bin K-1 =
 * (cuts[K-2], +inf). Bins are closed on the right, as pandas' `cut` and SQL
 * `sum(x <= cut)`, so cumulative counts are exactly the empirical CDF at each cut, and the outer
 * bins are open so that current values outside the reference range are counted, not dropped
 * (NumPy's `histogram` drops them).
 *
 * Empty bins. PSI and KL divide by proportions, so an empty bin would make them infinite. The rule
 * here: a zero proportion is replaced by epsilon = 1e-4 (no renormalisation), as Evidently does.
 * Chosen over add-0.5 (Laplace/Jeffreys) smoothing because the correction then does not depend on
 * the window's size, so a PSI computed on a 100-row window and on a 1e6-row window use the same
 * floor, and values stay comparable with the 0.1/0.25 PSI rules of thumb, which come from tools
 * that use this floor. An empty bin then contributes at most |p - 1e-4| * ln(p / 1e-4), finite.
 * Jensen–Shannon, Hellinger and total variation are finite with empty bins and use no smoothing.
 *
 * Chi-square and G-test use expected counts from the reference proportions; a category whose
 * expected count is zero is handled explicitly (see `power-divergence.ts`): dropped (with one
 * degree of freedom less) when the current count is zero too, else the statistic is +Infinity and
 * p = 0, because the reference says the category cannot occur. Merge rare and unseen categories
 * first (`topKCategories`) when that is too strict.
 */

import { selectOrderStatistics } from "../../internal/select-order-statistics.js";
import { BinCounter } from "./bin-counter.js";

/** How to place bin cuts from the reference: its quantiles (default) or equal widths over its range. */
export type BinningMethod = "quantile" | "equal-width";

/** Options of {@link binEdges}. */
export interface BinEdgesOptions {
  /** Number of bins before ties collapse them (default 10). */
  bins?: number;
  /** "quantile" (default) or "equal-width". */
  method?: BinningMethod;
}

/**
 * Interior bin cuts from a reference sample. Quantile bins cut at the reference quantiles i/bins
 * (i = 1..bins-1, NumPy's default linear interpolation); equal-width bins cut at
 * min + i * (max - min) / bins (as `numpy.histogram_bin_edges`). Duplicate cuts (ties) are
 * collapsed, so fewer than `bins` bins may result; a constant reference gives one cut at its value
 * (two bins: at-or-below and above). Non-finite reference values are ignored.
 *
 * @example
 * binEdges([1, 2, 3, 4, 5], { bins: 2 }); // Float64Array [3]: bins (-inf, 3], (3, +inf)
 */
export function binEdges(reference: ArrayLike<number>, options: BinEdgesOptions = {}): Float64Array {
  const bins = options.bins ?? 10;
  if (!(Number.isInteger(bins) && bins >= 1))
    throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const { finite, lo, hi } = finiteCopy(reference);
  const n = finite.length;
  if (n === 0) throw new RangeError("reference has no finite values to bin");
  if (lo === hi) return Float64Array.of(lo);
  if ((options.method ?? "quantile") === "quantile") {
    return quantileCuts(n, bins, (ranks) => selectOrderStatistics(finite, ranks));
  }
  const raw = new Float64Array(bins - 1);
  const step = (hi - lo) / bins;
  for (let i = 1; i < bins; i++) raw[i - 1] = lo + i * step;
  return distinctCuts(raw);
}

function distinctCuts(raw: Float64Array): Float64Array {
  const cuts: number[] = [];
  for (const c of raw) if (cuts.length === 0 || c > (cuts[cuts.length - 1] as number)) cuts.push(c);
  return Float64Array.from(cuts);
}

/** Result of {@link histogram}: one count (or weight sum) per bin, and NaNs apart. */
export interface Histogram {
  /** counts[k] = number (or total weight) of values in bin k; length cuts.length + 1. */
  counts: Float64Array;
  /** Number (or total weight) of NaN values, which belong to no bin. */
  nanCount: number;
}

/** Options of {@link histogram}. */
export interface HistogramOptions {
  /** One finite non-negative weight per value; bins then hold weight sums. */
  weights?: ArrayLike<number>;
}

/**
 * Counts values into the bins given by `cuts` (see the module comment: right-closed, outer bins
 * open). -Infinity and +Infinity fall in the outer bins; NaN is counted in `nanCount`. Each value
 * is placed in O(1) by a grid lookup over the cuts (see `BinCounter`) when unweighted, by binary
 * search, O(log K), when weighted.
 *
 * @example
 * histogram([0, 1, 2, 3, Number.NaN], Float64Array.of(1, 2)); // counts [2, 1, 1], nanCount 1
 */
export function histogram(
  values: ArrayLike<number>,
  cuts: ArrayLike<number>,
  options: HistogramOptions = {},
): Histogram {
  checkCuts(cuts);
  const { weights } = options;
  if (weights !== undefined && weights.length !== values.length) {
    throw new RangeError(`weights has ${weights.length} entries for ${values.length} values`);
  }
  if (weights === undefined) return new BinCounter(cuts).count(values);
  const m = cuts.length;
  const counts = new Float64Array(m + 1);
  let nanCount = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    let w = 1;
    if (weights !== undefined) {
      w = weights[i] as number;
      if (!(Number.isFinite(w) && w >= 0)) throw new RangeError(`weight at index ${i} is ${w}`);
    }
    if (Number.isNaN(v)) {
      nanCount += w;
      continue;
    }
    // Number of cuts strictly below v = the index of its right-closed bin (searchsorted 'left').
    let a = 0;
    let b = m;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if ((cuts[mid] as number) < v) a = mid + 1;
      else b = mid;
    }
    counts[a] = (counts[a] as number) + w;
  }
  return { counts, nanCount };
}

/** Throws unless the cuts are finite and strictly increasing. */
export function checkCuts(cuts: ArrayLike<number>): void {
  for (let i = 0; i < cuts.length; i++) {
    const c = cuts[i] as number;
    if (!Number.isFinite(c)) throw new RangeError(`cut at index ${i} is ${c}: cuts must be finite`);
    if (i > 0 && !(c > (cuts[i - 1] as number))) throw new RangeError("cuts must be strictly increasing");
  }
}

function finiteCopy(values: ArrayLike<number>): { finite: Float64Array; lo: number; hi: number } {
  const out = new Float64Array(values.length);
  let n = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v - v === 0) {
      out[n++] = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return { finite: out.subarray(0, n), lo, hi };
}

/**
 * The distinct reference quantiles i / bins, i = 1..bins-1, of n finite values, with NumPy's default
 * ("linear", Hyndman–Fan type 7) interpolation, including its two-sided lerp, so that cuts agree with
 * numpy.quantile to the last bits. `select(ranks)` returns the order statistics at the given ascending
 * 0-based ranks (only floor(h) and floor(h) + 1, h = (n - 1) q, are asked for: no full sort).
 *
 * @example
 * quantileCuts(5, 2, (ranks) => Float64Array.from(ranks, (r) => r + 1)); // Float64Array [3]
 */
export function quantileCuts(
  n: number,
  bins: number,
  select: (ranks: number[]) => Float64Array,
): Float64Array {
  const positions: number[] = [];
  for (let i = 1; i < bins; i++) {
    const below = Math.floor((n - 1) * (i / bins));
    positions.push(below, Math.min(below + 1, n - 1));
  }
  const ranks = [...new Set(positions)].sort((a, b) => a - b);
  const selected = select(ranks);
  const valueAt = new Map(ranks.map((rank, k) => [rank, selected[k] as number]));
  const raw = new Float64Array(bins - 1);
  for (let i = 1; i < bins; i++) {
    const h = (n - 1) * (i / bins);
    const below = Math.floor(h);
    const a = valueAt.get(below) as number;
    const b = valueAt.get(Math.min(below + 1, n - 1)) as number;
    const t = h - below;
    const d = b - a;
    const cut = t >= 0.5 ? b - d * (1 - t) : a + d * t;
    // NumPy's lerp gives ±Infinity when b - a overflows (neighbours near ±1.8e308 of opposite signs);
    // a cut must be finite, so there the weighted mean, which cannot overflow, is used instead.
    raw[i - 1] = Number.isFinite(cut) ? cut : a * (1 - t) + b * t;
  }
  return distinctCuts(raw);
}
