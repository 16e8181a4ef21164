/** Options of {@link Adwin}; defaults as River's drift.ADWIN. */
export interface AdwinOptions {
  /** Confidence: the probability of a false cut per check is bounded by about delta; default 0.002. */
  delta?: number;
  /** Cut points are checked every `clock` updates; default 32. */
  clock?: number;
  /** Buckets of each size kept before two are merged (M in the paper); default 5. */
  maxBuckets?: number;
  /** Smallest sub-window on either side of a cut; default 5. */
  minWindowLength?: number;
  /** No check before the window holds this many values; default 10. */
  gracePeriod?: number;
}

/** What one update of {@link Adwin} saw. */
export interface AdwinUpdate {
  drift: boolean;
  /** Values in the adaptive window (after any cut). */
  width: number;
  /** Mean of the adaptive window. */
  mean: number;
  /** Variance of the adaptive window. */
  variance: number;
}

// One row of the exponential histogram: buckets of 2^row values each, oldest first, holding each
// bucket's sum and its sum of squared deviations from its own mean.
interface BucketRow {
  totals: number[];
  squares: number[];
}

/**
 * ADWIN, adaptive windowing (Bifet & Gavaldà 2007, "Learning from time-changing data with adaptive
 * windowing", ADWIN2): the window is an exponential histogram of at most maxBuckets + 1 buckets per
 * size 1, 2, 4, …, so memory is O(M·log n). Every `clock` updates each bucket boundary splits the
 * window into an older W0 and a newer W1, and the oldest buckets are dropped while
 * |mean(W0) - mean(W1)| >= eps_cut, with eps_cut = sqrt(2/m·var·ln(2 ln n / delta)) +
 * 2/(3m)·ln(2 ln n / delta) (the variance-based bound of the paper, as MOA and River, where
 * 1/m = 1/(n0 - minLen + 1) + 1/(n1 - minLen + 1)). A cut is a drift. Deterministic; non-finite
 * values are ignored.
 *
 * @example
 * const adwin = new Adwin();
 * for (const x of stream) if (adwin.update(x).drift) console.log("mean changed, window", adwin.width);
 */
export class Adwin {
  readonly #delta: number;
  readonly #clock: number;
  readonly #maxBuckets: number;
  readonly #minWindowLength: number;
  readonly #gracePeriod: number;
  #rows: BucketRow[] = [];
  #width = 0;
  #total = 0;
  #squares = 0;
  #tick = 0;

  constructor(options: AdwinOptions = {}) {
    this.#delta = options.delta ?? 0.002;
    this.#clock = options.clock ?? 32;
    this.#maxBuckets = options.maxBuckets ?? 5;
    this.#minWindowLength = options.minWindowLength ?? 5;
    this.#gracePeriod = options.gracePeriod ?? 10;
    if (!(this.#delta > 0 && this.#delta < 1)) throw new RangeError("delta must be in (0, 1)");
    if (!Number.isInteger(this.#clock) || this.#clock < 1)
      throw new RangeError("clock must be a positive integer");
    if (!Number.isInteger(this.#maxBuckets) || this.#maxBuckets < 2)
      throw new RangeError("maxBuckets must be >= 2");
  }

  /** Values currently in the window. */
  get width(): number {
    return this.#width;
  }

  /** Number of buckets held: O(log width). */
  get bucketCount(): number {
    return this.#rows.reduce((count, row) => count + row.totals.length, 0);
  }

  /** Adds one value; says whether a change was detected (and the window cut). */
  update(x: number): AdwinUpdate {
    if (!Number.isFinite(x)) return this.#result(false);
    this.#insert(x);
    this.#tick += 1;
    const drift = this.#tick % this.#clock === 0 && this.#width > this.#gracePeriod && this.#detectAndCut();
    return this.#result(drift);
  }

  /** Empties the window. */
  reset(): void {
    this.#rows = [];
    this.#width = 0;
    this.#total = 0;
    this.#squares = 0;
    this.#tick = 0;
  }

  #result(drift: boolean): AdwinUpdate {
    const width = this.#width;
    return {
      drift,
      width,
      mean: width > 0 ? this.#total / width : 0,
      variance: width > 0 ? Math.max(0, this.#squares / width) : 0,
    };
  }

  #insert(x: number): void {
    if (this.#width > 0) {
      const mean = this.#total / this.#width;
      this.#squares += ((this.#width * (x - mean)) / (this.#width + 1)) * (x - mean);
    }
    this.#width += 1;
    this.#total += x;
    if (this.#rows.length === 0) this.#rows.push({ totals: [], squares: [] });
    const first = this.#rows[0] as BucketRow;
    first.totals.push(x);
    first.squares.push(0);
    this.#compress();
  }

  // Merges the two oldest buckets of any row that holds maxBuckets + 1 into one bucket of the next size.
  #compress(): void {
    for (let r = 0; r < this.#rows.length; r++) {
      const row = this.#rows[r] as BucketRow;
      if (row.totals.length <= this.#maxBuckets) return;
      const size = 2 ** r;
      const [t1, t2] = row.totals.splice(0, 2) as [number, number];
      const [s1, s2] = row.squares.splice(0, 2) as [number, number];
      const diff = t1 / size - t2 / size;
      if (r + 1 === this.#rows.length) this.#rows.push({ totals: [], squares: [] });
      const next = this.#rows[r + 1] as BucketRow;
      next.totals.push(t1 + t2);
      next.squares.push(s1 + s2 + (size / 2) * diff * diff);
    }
  }

  #dropOldest(): void {
    const r = this.#rows.length - 1;
    const row = this.#rows[r] as BucketRow;
    const size = 2 ** r;
    const total = row.totals.shift() as number;
    const squares = row.squares.shift() as number;
    this.#width -= size;
    this.#total -= total;
    if (this.#width > 0) {
      const diff = total / size - this.#total / this.#width;
      this.#squares -= squares + ((size * this.#width) / (size + this.#width)) * diff * diff;
    } else {
      this.#squares = 0;
    }
    if (row.totals.length === 0) this.#rows.pop();
  }

  // Scans cut points from the oldest bucket to the newest; drops the oldest bucket and rescans after
  // every cut, as in the paper ("drop elements from the tail of W until no cut is found").
  #detectAndCut(): boolean {
    let cut = false;
    let again = true;
    while (again && this.#width > this.#gracePeriod) {
      again = false;
      const n = this.#width;
      const variance = Math.max(0, this.#squares / n);
      const logTerm = Math.log((2 * Math.log(n)) / this.#delta);
      let n0 = 0;
      let u0 = 0;
      scan: for (let r = this.#rows.length - 1; r >= 0; r--) {
        const row = this.#rows[r] as BucketRow;
        const size = 2 ** r;
        for (let b = 0; b < row.totals.length; b++) {
          if (r === 0 && b === row.totals.length - 1) break scan;
          n0 += size;
          u0 += row.totals[b] as number;
          const n1 = n - n0;
          if (n0 < this.#minWindowLength || n1 < this.#minWindowLength) continue;
          const meanDiff = u0 / n0 - (this.#total - u0) / n1;
          const mInverse = 1 / (n0 - this.#minWindowLength + 1) + 1 / (n1 - this.#minWindowLength + 1);
          const epsilon = Math.sqrt(2 * mInverse * variance * logTerm) + (2 / 3) * logTerm * mInverse;
          if (Math.abs(meanDiff) >= epsilon) {
            cut = true;
            again = true;
            this.#dropOldest();
            break scan;
          }
        }
      }
    }
    return cut;
  }
}
