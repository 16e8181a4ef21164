// Placing 10^6 values into bins is the cost of a binned drift check on raw values. A binary search
// over the cuts is branchy (unpredictable branches, ~30 ms for 10^6 values and 9 cuts), and so is
// clamping a grid index with Math.min/Math.max (~2 ns a value when values fall beyond the clamp). So
// a uniform grid spans the cuts plus three spans on either side (where nearly all values of a
// sample binned on its reference's quantiles fall), and a table gives the bin of each cell that holds
// no cut: one subtraction, one multiplication, two well-predicted comparisons and a load a value.
// Values in a cell holding a cut, outside the grid, or NaN take the exact path (a binary search).
//
// Why the table is exact, whatever the rounding: key(v) = floor((v - origin) * scale) is computed
// with the same two floating-point operations for values and cuts, and correctly rounded
// operations are monotone, so v <= cut implies key(v) <= key(cut). Contrapositively, key(v) >
// key(cut) implies v > cut, and key(v) < key(cut) implies v < cut. In a cell that is no cut's key,
// every value is above exactly the cuts whose key is below the cell.

const MARGIN_SPANS = 3;
const MIN_CELLS = 1 << 14;
const MAX_CELLS = 1 << 18;

/**
 * Counts values into the right-closed bins of strictly increasing finite `cuts` (bin k holds
 * (cuts[k-1], cuts[k]], outer bins open, ±Infinity in the outer bins), unweighted; NaN values are
 * counted apart.
 *
 * @example
 * new BinCounter(Float64Array.of(1, 2)).count(Float64Array.of(0, 1, 2, 3, Number.NaN)); // counts [2, 1, 1], nanCount 1
 */
export class BinCounter {
  readonly #cuts: Float64Array;
  readonly #origin: number;
  readonly #scale: number;
  /** Grid cells; 0 when the cuts give no usable grid (fewer than two, or a span that overflows). */
  readonly #cells: number;
  /** direct[c] = the bin of every value in cell c, or -1 when a cut lies in cell c. */
  readonly #direct: Int32Array;

  constructor(cuts: ArrayLike<number>) {
    const m = cuts.length;
    this.#cuts = Float64Array.from(cuts);
    let cells = 0;
    let origin = 0;
    let scale = 0;
    if (m >= 2) {
      const lo = cuts[0]!;
      const span = cuts[m - 1]! - lo;
      // Enough cells that the cuts' own cells are a small share of the central part of the grid.
      cells = Math.min(MAX_CELLS, Math.max(MIN_CELLS, 2 ** Math.ceil(Math.log2(256 * m))));
      origin = lo - MARGIN_SPANS * span;
      scale = cells / ((2 * MARGIN_SPANS + 1) * span);
      if (!(Number.isFinite(origin) && Number.isFinite(scale) && scale > 0)) cells = 0;
    }
    this.#origin = origin;
    this.#scale = scale;
    this.#cells = cells;
    this.#direct = new Int32Array(cells);
    // Cuts' keys are non-decreasing (monotone keys of increasing cuts): one merge-like walk.
    let below = 0;
    for (let c = 0; c < cells; c++) {
      while (below < m && keyOf(cuts[below]!, origin, scale, cells) < c) below++;
      this.#direct[c] = below < m && keyOf(cuts[below]!, origin, scale, cells) === c ? -1 : below;
    }
  }

  /** Bin counts (length cuts.length + 1) of `values`, and the number of NaNs. */
  count(values: ArrayLike<number>): { counts: Float64Array; nanCount: number } {
    const cuts = this.#cuts;
    const origin = this.#origin;
    const scale = this.#scale;
    const cells = this.#cells;
    const direct = this.#direct;
    // Slot cuts.length + 1 counts NaNs. Two count arrays, for even and odd positions, so that
    // neighbouring values in one bin do not wait on each other's increment.
    const slots = cuts.length + 2;
    const even = new Int32Array(slots);
    const odd = new Int32Array(slots);
    const n = values.length;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const v = values[i]!;
      const w = values[i + 1]!;
      const x = (v - origin) * scale;
      const y = (w - origin) * scale;
      // A NaN x fails both comparisons, and so takes the exact path.
      let a = x >= 0 && x < cells ? direct[x | 0]! : -1;
      let b = y >= 0 && y < cells ? direct[y | 0]! : -1;
      if (a < 0) a = exactBin(cuts, v);
      if (b < 0) b = exactBin(cuts, w);
      even[a]!++;
      odd[b]!++;
    }
    if (i < n) even[exactBin(cuts, values[i]!)]!++;
    const counts = new Float64Array(cuts.length + 1);
    for (let k = 0; k <= cuts.length; k++) counts[k] = even[k]! + odd[k]!;
    return { counts, nanCount: even[slots - 1]! + odd[slots - 1]! };
  }
}

/** Grid cell of v: -1 below the grid, `cells` above it (or NaN, which no cut is). */
function keyOf(v: number, origin: number, scale: number, cells: number): number {
  const x = (v - origin) * scale;
  if (x >= 0 && x < cells) return x | 0;
  return x < 0 ? -1 : cells;
}

/** Number of cuts strictly below v (searchsorted 'left'), which is its bin; cuts.length + 1 for NaN. */
function exactBin(cuts: Float64Array, v: number): number {
  if (Number.isNaN(v)) return cuts.length + 1;
  let a = 0;
  let b = cuts.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (cuts[mid]! < v) a = mid + 1;
    else b = mid;
  }
  return a;
}
