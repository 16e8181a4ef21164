// Placing 10^6 values into bins is the cost of a binned drift check on raw values. A binary search
// over the cuts is branchy (unpredictable branches, ~30 ms for 10^6 values and 9 cuts); instead a
// table over a uniform grid of cells spanning [cuts[0], cuts[last]] gives each value a bin that is at
// most a cell early, and a short forward walk over the cuts fixes it: O(1) per value, independent of
// the number of bins.

/**
 * Counts values into the right-closed bins of strictly increasing finite `cuts` (bin k holds
 * (cuts[k-1], cuts[k]], outer bins open), unweighted; NaN values are counted apart.
 *
 * @example
 * new BinCounter(Float64Array.of(1, 2)).count(Float64Array.of(0, 1, 2, 3, Number.NaN)); // counts [2, 1, 1], nanCount 1
 */
export class BinCounter {
  readonly #cuts: Float64Array;
  readonly #cells: number;
  readonly #scale: number;
  readonly #table: Int32Array;

  constructor(cuts: ArrayLike<number>) {
    this.#cuts = Float64Array.from(cuts);
    const m = this.#cuts.length;
    const lo = this.#cuts[0] ?? 0;
    const hi = this.#cuts[m - 1] ?? 0;
    this.#cells = Math.max(64, 8 * m);
    const scale = this.#cells / (hi - lo);
    // A zero or infinite span (one cut, or cuts spanning more than the double range) gets no grid:
    // the walk then starts at cut 0, still correct.
    this.#scale = Number.isFinite(scale) ? scale : 0;
    // table[c] = number of cuts below the start of cell c - 1: never more than the bin of a value that
    // lands in cell c, whatever the rounding of (v - lo) * scale.
    this.#table = new Int32Array(this.#cells + 1);
    let k = 0;
    for (let c = 0; c <= this.#cells && this.#scale > 0; c++) {
      const x = lo + (c - 1) / this.#scale;
      while (k < m && this.#cuts[k]! < x) k++;
      this.#table[c] = k;
    }
  }

  /** Bin counts (length cuts.length + 1) of `values`, and the number of NaNs. */
  count(values: ArrayLike<number>): { counts: Float64Array; nanCount: number } {
    const cuts = this.#cuts;
    const m = cuts.length;
    const lo = cuts[0]!;
    const hi = cuts[m - 1]!;
    const cells = this.#cells;
    const scale = this.#scale;
    const table = this.#table;
    const counts = new Float64Array(m + 1);
    let nanCount = 0;
    if (m === 0) {
      for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) nanCount++;
      counts[0] = values.length - nanCount;
      return { counts, nanCount };
    }
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      let bin: number;
      if (v <= lo) bin = 0;
      else if (v > hi) bin = m;
      else if (v > lo) {
        bin = table[Math.min(((v - lo) * scale) | 0, cells)]!;
        while (cuts[bin]! < v) bin++;
      } else {
        nanCount++;
        continue;
      }
      counts[bin]!++;
    }
    return { counts, nanCount };
  }
}
