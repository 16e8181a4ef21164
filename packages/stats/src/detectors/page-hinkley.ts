/** Options of {@link PageHinkley}; defaults as River's drift.PageHinkley. */
export interface PageHinkleyOptions {
  /** Updates before a drift may be signalled; default 30. */
  minInstances?: number;
  /** Magnitude of change tolerated (delta), in the unit of the stream; default 0.005. */
  delta?: number;
  /** Detection threshold (lambda), in unit × samples; default 50. */
  threshold?: number;
  /** Forgetting factor on the cumulative sums; default 1 - 0.0001. */
  alpha?: number;
  /** Which changes to detect: increases, decreases or both (default). */
  mode?: "up" | "down" | "both";
}

/** What one update of {@link PageHinkley} saw. */
export interface PageHinkleyUpdate {
  drift: boolean;
  /** Test statistic for an increase: m_T - min m_t. */
  increase: number;
  /** Test statistic for a decrease: max m'_t - m'_T. */
  decrease: number;
  /** Running mean of the stream since the last reset. */
  mean: number;
  /** Values seen since the last reset. */
  n: number;
}

/**
 * Page–Hinkley change detection (Page 1954), two-sided, exactly as River's drift.PageHinkley:
 * m_T = alpha·m_{T-1} + (x_T - mean_T - delta) and its mirror with +delta; a drift when
 * m_T - min m_t > lambda (increase) or max m'_t - m'_T > lambda (decrease), after minInstances
 * values. The detector resets after a drift. Non-finite values are ignored. O(1) memory.
 *
 * @example
 * const ph = new PageHinkley({ threshold: 20 });
 * for (const x of stream) if (ph.update(x).drift) console.log("changed");
 */
export class PageHinkley {
  readonly #minInstances: number;
  readonly #delta: number;
  readonly #threshold: number;
  readonly #alpha: number;
  readonly #mode: "up" | "down" | "both";
  #n = 0;
  #mean = 0;
  #sumIncrease = 0;
  #sumDecrease = 0;
  #minIncrease = Number.POSITIVE_INFINITY;
  #maxDecrease = Number.NEGATIVE_INFINITY;

  constructor(options: PageHinkleyOptions = {}) {
    this.#minInstances = options.minInstances ?? 30;
    this.#delta = options.delta ?? 0.005;
    this.#threshold = options.threshold ?? 50;
    this.#alpha = options.alpha ?? 1 - 0.0001;
    this.#mode = options.mode ?? "both";
    if (!(this.#threshold > 0)) throw new RangeError("threshold must be > 0");
    if (!(this.#alpha > 0 && this.#alpha <= 1)) throw new RangeError("alpha must be in (0, 1]");
  }

  /** Adds one value; says whether the stream has drifted. */
  update(x: number): PageHinkleyUpdate {
    if (!Number.isFinite(x)) return this.#result(false);
    this.#n += 1;
    this.#mean += (x - this.#mean) / this.#n;
    const deviation = x - this.#mean;
    this.#sumIncrease = this.#alpha * this.#sumIncrease + deviation - this.#delta;
    this.#sumDecrease = this.#alpha * this.#sumDecrease + deviation + this.#delta;
    if (this.#sumIncrease < this.#minIncrease) this.#minIncrease = this.#sumIncrease;
    if (this.#sumDecrease > this.#maxDecrease) this.#maxDecrease = this.#sumDecrease;
    if (this.#n < this.#minInstances) return this.#result(false);
    const result = this.#result(false);
    const up = this.#mode !== "down" && result.increase > this.#threshold;
    const down = this.#mode !== "up" && result.decrease > this.#threshold;
    if (!up && !down) return result;
    this.reset();
    return { ...result, drift: true };
  }

  /** Forgets everything seen. */
  reset(): void {
    this.#n = 0;
    this.#mean = 0;
    this.#sumIncrease = 0;
    this.#sumDecrease = 0;
    this.#minIncrease = Number.POSITIVE_INFINITY;
    this.#maxDecrease = Number.NEGATIVE_INFINITY;
  }

  #result(drift: boolean): PageHinkleyUpdate {
    const empty = this.#n === 0;
    return {
      drift,
      increase: empty ? 0 : this.#sumIncrease - this.#minIncrease,
      decrease: empty ? 0 : this.#maxDecrease - this.#sumDecrease,
      mean: this.#mean,
      n: this.#n,
    };
  }
}
