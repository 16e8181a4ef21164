/** Options of {@link EwmaAnomalyDetector}. */
export interface EwmaAnomalyOptions {
  /** Smoothing of the level, in (0, 1]; default 0.1 (a memory of ~19 points). */
  alpha?: number;
  /**
   * Smoothing of the residual variance, in (0, 1]; default 0.02 (~99 points). Slower than the level,
   * because a variance estimated from a few points is noisy and makes the band jitter and false-alarm.
   */
  varianceAlpha?: number;
  /** Band half-width in residual sd: anomaly when |x - expected| > k·sd; default 3. */
  k?: number;
  /** Warning when |x - expected| > warningK·sd; default 2. */
  warningK?: number;
  /** Points used to initialise level and sd (plain mean and sd) before any alarm; default 30. */
  warmup?: number;
  /** Floor on the residual sd, in the unit of the series, so a flat series does not alarm on noise; default 0. */
  minSd?: number;
}

/** What one update of {@link EwmaAnomalyDetector} saw: the point, the expectation and the band. */
export interface EwmaAnomalyUpdate {
  /** True when the point is outside the band (an anomaly); always false during warm-up. */
  drift: boolean;
  warning: boolean;
  /** False during warm-up: the band is then provisional and nothing alarms. */
  ready: boolean;
  value: number;
  /** The EWMA level before this point: what the detector expected. Null before the first point. */
  expected: number | null;
  /** expected ± k·sd, the band a UI draws; null until two points were seen. */
  lower: number | null;
  upper: number | null;
  /** (value - expected) / sd; null while sd is not known or is 0. */
  z_score: number | null;
}

/**
 * EWMA anomaly detector for metric series (latency, error rate, score mean) with a dynamic band:
 * the expected value is an exponentially weighted moving average of the series, and the band is
 * expected ± k·sd, where sd is the exponentially weighted sd of the one-step residuals (the EW
 * variance recursion of Finch 2009: var = (1 - a)(var + a·r²), with its own, slower a). The first `warmup` points set
 * the level and sd by their plain mean and sd and never alarm. After warm-up each residual is
 * winsorised to ±k·sd before it updates level and variance, so a single spike neither drags the level
 * nor widens the band for long, while a lasting level shift is still absorbed within a few dozen
 * points. Non-finite values are not used for updating and are reported without alarm. O(1) memory.
 *
 * @example
 * const detector = new EwmaAnomalyDetector({ alpha: 0.1, k: 3, warmup: 30 });
 * const { drift, lower, upper } = detector.update(latencyMs); // draw [lower, upper] as the band
 */
export class EwmaAnomalyDetector {
  readonly #alpha: number;
  readonly #varianceAlpha: number;
  readonly #k: number;
  readonly #warningK: number;
  readonly #warmup: number;
  readonly #minSd: number;
  #n = 0;
  #level = 0;
  #variance = 0;

  constructor(options: EwmaAnomalyOptions = {}) {
    this.#alpha = options.alpha ?? 0.1;
    this.#varianceAlpha = options.varianceAlpha ?? 0.02;
    this.#k = options.k ?? 3;
    this.#warningK = options.warningK ?? 2;
    this.#warmup = options.warmup ?? 30;
    this.#minSd = options.minSd ?? 0;
    if (!(this.#alpha > 0 && this.#alpha <= 1) || !(this.#varianceAlpha > 0 && this.#varianceAlpha <= 1)) {
      throw new RangeError("alpha and varianceAlpha must be in (0, 1]");
    }
    if (!(this.#k > 0) || !(this.#warningK > 0)) throw new RangeError("k and warningK must be > 0");
    if (!Number.isInteger(this.#warmup) || this.#warmup < 2)
      throw new RangeError("warmup must be an integer >= 2");
    if (!(this.#minSd >= 0)) throw new RangeError("minSd must be >= 0");
  }

  /** Scores one point against the band, then learns from it. */
  update(x: number): EwmaAnomalyUpdate {
    const expected = this.#n > 0 ? this.#level : null;
    const sd = this.#n >= 2 ? Math.max(this.#minSd, Math.sqrt(this.#variance)) : null;
    const ready = this.#n >= this.#warmup;
    const band = expected !== null && sd !== null;
    const residual = expected === null ? 0 : x - expected;
    const z = band && sd > 0 && Number.isFinite(x) ? residual / sd : null;
    const outside = (limit: number) =>
      ready && band && Number.isFinite(x) && Math.abs(residual) > limit * (sd as number);
    const result: EwmaAnomalyUpdate = {
      drift: outside(this.#k),
      warning: outside(this.#warningK),
      ready,
      value: x,
      expected,
      lower: band ? (expected as number) - this.#k * (sd as number) : null,
      upper: band ? (expected as number) + this.#k * (sd as number) : null,
      z_score: z,
    };
    if (Number.isFinite(x)) this.#learn(x, sd);
    return result;
  }

  /** Forgets everything seen, including the warm-up. */
  reset(): void {
    this.#n = 0;
    this.#level = 0;
    this.#variance = 0;
  }

  #learn(x: number, sd: number | null): void {
    this.#n += 1;
    if (this.#n <= this.#warmup) {
      // Welford's running mean and (n - 1) variance over the warm-up points.
      const delta = x - this.#level;
      this.#level += delta / this.#n;
      const m2 = this.#variance * Math.max(0, this.#n - 2) + delta * (x - this.#level);
      this.#variance = this.#n >= 2 ? m2 / (this.#n - 1) : 0;
      return;
    }
    const limit = this.#k * (sd ?? 0);
    const raw = x - this.#level;
    const residual = limit > 0 ? Math.max(-limit, Math.min(limit, raw)) : raw;
    this.#level += this.#alpha * residual;
    this.#variance = (1 - this.#varianceAlpha) * (this.#variance + this.#varianceAlpha * residual * residual);
  }
}
