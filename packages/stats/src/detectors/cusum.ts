/** Options of {@link Cusum}. */
export interface CusumOptions {
  /** In-control mean (from the reference). */
  mean: number;
  /** In-control standard deviation (from the reference); k and h are in units of it. */
  sd: number;
  /** Allowance (slack) per value, in sd; default 0.5 (tuned to detect a 1 sd shift). */
  k?: number;
  /** Decision interval, in sd; default 5 (Montgomery's usual choice). */
  h?: number;
}

/** What one update of {@link Cusum} saw. */
export interface CusumUpdate {
  drift: boolean;
  /** Which side crossed h, when drift is true. */
  direction: "up" | "down" | null;
  /** Upper cumulative sum S+ (in sd), before the reset that follows a drift. */
  upper: number;
  /** Lower cumulative sum S- (in sd), before the reset that follows a drift. */
  lower: number;
}

/**
 * Two-sided tabular CUSUM (Page 1954; Montgomery, Introduction to Statistical Quality Control, 9.1):
 * z = (x - mean)/sd, S+ = max(0, S+ + z - k), S- = max(0, S- - z - k); a drift when either exceeds h.
 * Both sums restart at 0 after a drift. Non-finite values are ignored. O(1) memory.
 *
 * @example
 * const cusum = new Cusum({ mean: 12.3, sd: 0.8 });
 * cusum.update(14.1); // { drift: false, direction: null, upper: 1.75, lower: 0 }
 */
export class Cusum {
  readonly #mean: number;
  readonly #sd: number;
  readonly #k: number;
  readonly #h: number;
  #upper = 0;
  #lower = 0;

  constructor(options: CusumOptions) {
    if (!Number.isFinite(options.mean)) throw new RangeError("mean must be finite");
    if (!(options.sd > 0) || !Number.isFinite(options.sd)) throw new RangeError("sd must be positive");
    this.#mean = options.mean;
    this.#sd = options.sd;
    this.#k = options.k ?? 0.5;
    this.#h = options.h ?? 5;
    if (!(this.#k >= 0)) throw new RangeError("k must be >= 0");
    if (!(this.#h > 0)) throw new RangeError("h must be > 0");
  }

  /** Adds one value; says whether the mean has shifted. */
  update(x: number): CusumUpdate {
    if (!Number.isFinite(x)) return { drift: false, direction: null, upper: this.#upper, lower: this.#lower };
    const z = (x - this.#mean) / this.#sd;
    this.#upper = Math.max(0, this.#upper + z - this.#k);
    this.#lower = Math.max(0, this.#lower - z - this.#k);
    const upper = this.#upper;
    const lower = this.#lower;
    const direction = upper > this.#h ? "up" : lower > this.#h ? "down" : null;
    if (direction !== null) this.reset();
    return { drift: direction !== null, direction, upper, lower };
  }

  /** Restarts both sums at 0. */
  reset(): void {
    this.#upper = 0;
    this.#lower = 0;
  }
}
