// Quantile bins of a raw reference and its histogram over them, in three linear passes and no sort of
// the reference: (1) count, min and max of the finite values; (2) counts in 65,536 equal-width cells
// over [min, max], whose running sums locate each wanted order statistic in one cell; (3) the values
// of those few cells are gathered and sorted, which gives the order statistics exactly, hence the
// quantile cuts (as `binEdges`), and the number of values at or below each cut (the cell running sum
// plus a search in the cut's cell), hence the histogram (as `histogram`) without a further pass.
// When the cells are too lopsided for that to pay (heavy tails or outliers put most values in a few
// cells), it falls back to `binEdges` + `histogram`.

import { selectOrderStatistics } from "../../internal/select-order-statistics.js";
import { sortFloat64 } from "../../internal/sort-float64.js";
import { type BinEdgesOptions, binEdges, type Histogram, histogram, quantileCuts } from "./binning.js";

const CELLS = 1 << 16;
// Gathering more than this share of the values would cost about as much as selecting directly.
const MAX_GATHERED_SHARE = 1 / 8;

/** Quantile bins of a reference and its histogram over them (see {@link referenceHistogram}). */
export interface ReferenceHistogram extends Histogram {
  /** The interior cuts, exactly `binEdges(reference, options)`. */
  cuts: Float64Array;
}

/**
 * `binEdges(reference, options)` and `histogram(reference, cuts)` in one go, for raw reference values:
 * same cuts and same counts, but for quantile bins about three times faster on large samples, because
 * the histogram of the reference falls out of finding its quantiles. Equal-width bins are delegated.
 *
 * @example
 * referenceHistogram([1, 2, 3, 4, 5], { bins: 2 }); // cuts [3], counts [3, 2], nanCount 0
 */
export function referenceHistogram(
  reference: ArrayLike<number>,
  options: BinEdgesOptions = {},
): ReferenceHistogram {
  const bins = options.bins ?? 10;
  if ((options.method ?? "quantile") !== "quantile" || !(Number.isInteger(bins) && bins >= 1)) {
    return delegate(reference, options);
  }
  let n = 0;
  let nanCount = 0;
  let negative = 0;
  let positive = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < reference.length; i++) {
    const v = reference[i]!;
    if (v - v === 0) {
      n++;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    } else if (Number.isNaN(v)) nanCount++;
    else if (v < 0) negative++;
    else positive++;
  }
  const scale = CELLS / (hi - lo);
  if (n === 0 || lo === hi || !Number.isFinite(scale)) return delegate(reference, options);

  // Pass 2: finite values per cell; start[c] = finite values in cells before c.
  const cellCounts = new Int32Array(CELLS);
  for (let i = 0; i < reference.length; i++) {
    const v = reference[i]!;
    if (v - v === 0) cellCounts[Math.min(((v - lo) * scale) | 0, CELLS - 1)]!++;
  }
  const start = new Float64Array(CELLS + 1);
  for (let c = 0; c < CELLS; c++) start[c + 1] = start[c]! + cellCounts[c]!;

  const state: { gathered?: Gathered } = {};
  const cuts = quantileCuts(n, bins, (ranks) => {
    const g = gather(reference, ranks, { lo, scale, start, cellCounts }, n);
    if (g === undefined) return selectOrderStatistics(finiteValues(reference, n), ranks);
    state.gathered = g;
    return Float64Array.from(ranks, (rank) => {
      const c = cellOfRank(start, rank);
      return g.values[g.offset[c]! + (rank - start[c]!)]!;
    });
  });
  const gathered = state.gathered;
  if (gathered === undefined) return { cuts, ...histogram(reference, cuts) };

  // Finite values at or below each cut: whole cells before the cut's cell, plus a search in that
  // cell, which is gathered unless it is empty (it lies between two gathered order statistics).
  const counts = new Float64Array(cuts.length + 1);
  let below = 0;
  for (let k = 0; k < cuts.length; k++) {
    const cut = cuts[k]!;
    const c = Math.min(((cut - lo) * scale) | 0, CELLS - 1);
    let atMost = start[c]!;
    // Cannot happen (the cut lies between two gathered order statistics); checked rather than trusted.
    if (cellCounts[c]! > 0 && gathered.offset[c]! < 0) return { cuts, ...histogram(reference, cuts) };
    if (cellCounts[c]! > 0) {
      const from = gathered.offset[c]!;
      let a = from;
      let b = from + cellCounts[c]!;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (gathered.values[mid]! <= cut) a = mid + 1;
        else b = mid;
      }
      atMost += a - from;
    }
    counts[k] = negative + atMost - below;
    below = negative + atMost;
  }
  counts[cuts.length] = n + negative + positive - below;
  return { cuts, counts, nanCount };
}

interface Cells {
  lo: number;
  scale: number;
  start: Float64Array;
  cellCounts: Int32Array;
}

/** The sorted values of the cells holding a wanted rank; offset[c] is where cell c's values begin. */
interface Gathered {
  values: Float64Array;
  offset: Int32Array;
}

function cellOfRank(start: Float64Array, rank: number): number {
  let a = 0;
  let b = CELLS - 1;
  while (a < b) {
    const mid = (a + b + 1) >>> 1;
    if (start[mid]! <= rank) a = mid;
    else b = mid - 1;
  }
  return a;
}

// Pass 3: copies the values of the cells that hold a wanted rank, each cell's values sorted; undefined
// when they are too many.
function gather(
  reference: ArrayLike<number>,
  ranks: number[],
  cells: Cells,
  n: number,
): Gathered | undefined {
  const { lo, scale, start, cellCounts } = cells;
  const offset = new Int32Array(CELLS).fill(-1);
  const wanted: number[] = [];
  let total = 0;
  for (const rank of ranks) {
    const c = cellOfRank(start, rank);
    if (offset[c] === -1) {
      offset[c] = total;
      total += cellCounts[c]!;
      wanted.push(c);
    }
  }
  if (total > n * MAX_GATHERED_SHARE && total > 4096) return undefined;
  const values = new Float64Array(total);
  const fill = new Int32Array(CELLS);
  for (let i = 0; i < reference.length; i++) {
    const v = reference[i]!;
    if (v - v !== 0) continue;
    const c = Math.min(((v - lo) * scale) | 0, CELLS - 1);
    const at = offset[c]!;
    if (at >= 0) values[at + fill[c]!++] = v;
  }
  for (const c of wanted) sortFloat64(values.subarray(offset[c]!, offset[c]! + cellCounts[c]!));
  return { values, offset };
}

function finiteValues(reference: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < reference.length; i++) {
    const v = reference[i]!;
    if (v - v === 0) out[k++] = v;
  }
  return out;
}

function delegate(reference: ArrayLike<number>, options: BinEdgesOptions): ReferenceHistogram {
  const cuts = binEdges(reference, options);
  return { cuts, ...histogram(reference, cuts) };
}
