/** Options of {@link Ddm}; defaults as Gama et al. (2004) and River's drift.binary.DDM. */
export interface DdmOptions {
  /** Instances before warnings or drifts may be signalled; default 30. */
  minInstances?: number;
  /** Warning when p + s > p_min + warningLevel·s_min; default 2. */
  warningLevel?: number;
  /** Drift when p + s > p_min + driftLevel·s_min; default 3. */
  driftLevel?: number;
}

/** What one update of {@link Ddm} saw. */
export interface DdmUpdate {
  drift: boolean;
  warning: boolean;
  /** Error rate p since the last reset. */
  error_rate: number;
  /** Binomial sd s = sqrt(p(1-p)/n). */
  sd: number;
  n: number;
}

/**
 * Drift Detection Method for error streams (Gama, Medas, Castillo, Rodrigues 2004): the running
 * error rate p and s = sqrt(p(1-p)/n) are tracked; after minInstances the minimum of p + s is
 * remembered, a warning is raised when p + s > p_min + 2·s_min and a drift when
 * p + s > p_min + 3·s_min (strict, as River, so a stream without errors never drifts). The detector
 * resets after a drift. O(1) memory.
 *
 * @example
 * const ddm = new Ddm();
 * for (const wrong of errors) if (ddm.update(wrong).drift) console.log("retrain");
 */
export class Ddm {
  readonly #minInstances: number;
  readonly #warningLevel: number;
  readonly #driftLevel: number;
  #n = 0;
  #errors = 0;
  #pMin = Number.POSITIVE_INFINITY;
  #sMin = Number.POSITIVE_INFINITY;

  constructor(options: DdmOptions = {}) {
    this.#minInstances = options.minInstances ?? 30;
    this.#warningLevel = options.warningLevel ?? 2;
    this.#driftLevel = options.driftLevel ?? 3;
    if (!(this.#driftLevel > this.#warningLevel)) throw new RangeError("driftLevel must exceed warningLevel");
  }

  /** Adds one outcome: true (or 1) for an error, false (or 0) for a correct prediction. */
  update(error: boolean | 0 | 1): DdmUpdate {
    this.#n += 1;
    if (error === true || error === 1) this.#errors += 1;
    const n = this.#n;
    const p = this.#errors / n;
    const s = Math.sqrt((p * (1 - p)) / n);
    let warning = false;
    let drift = false;
    if (n > this.#minInstances) {
      if (p + s <= this.#pMin + this.#sMin) {
        this.#pMin = p;
        this.#sMin = s;
      }
      drift = p + s > this.#pMin + this.#driftLevel * this.#sMin;
      warning = !drift && p + s > this.#pMin + this.#warningLevel * this.#sMin;
    }
    if (drift) this.reset();
    return { drift, warning, error_rate: p, sd: s, n };
  }

  /** Forgets everything seen. */
  reset(): void {
    this.#n = 0;
    this.#errors = 0;
    this.#pMin = Number.POSITIVE_INFINITY;
    this.#sMin = Number.POSITIVE_INFINITY;
  }
}
