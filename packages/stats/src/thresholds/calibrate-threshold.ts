/** How a threshold is derived from statistics computed on reference-like data. */
export type ThresholdRule = { kind: "mean+k*sd"; k: number } | { kind: "quantile"; q: number };

/** A threshold for a statistic where larger means more drift (a distance); alarm when value > threshold. */
export interface CalibratedThreshold {
  /** The effective threshold: max(calibrated, min_effect). */
  threshold: number;
  /** The threshold from the reference statistics alone, before the minimum effect. */
  calibrated: number;
  rule: ThresholdRule;
  /** How many reference statistics (chunks or bootstrap draws) the threshold was computed from. */
  n_chunks: number;
  mean: number;
  /** Sample standard deviation (n - 1 denominator) of the reference statistics. */
  sd: number;
  min_effect: number | null;
  /** Non-finite reference statistics that were dropped. */
  dropped: number;
}

// Quantile with linear interpolation between order statistics (NumPy's default, Hyndman–Fan type 7).
function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const low = sorted[lower] as number;
  return low + (position - lower) * ((sorted[upper] as number) - low);
}

/**
 * Turns statistics computed on reference-like data (one per reference chunk, or per bootstrap draw)
 * into an alarm threshold: mean + k·sd (as NannyML's standard-deviation thresholds, but with the n-1
 * sample sd, which is more conservative for the handful of chunks a reference usually has) or an
 * empirical quantile.
 *
 * Why a minimum effect: the calibrated threshold measures sampling noise only, and noise shrinks as
 * windows grow, so on production-sized windows it tends to zero and any real but operationally
 * irrelevant difference (a new month is never exactly the old one) would alarm. `minEffect` is the
 * smallest value of the statistic that matters to the people paged; the effective threshold
 * max(calibrated, minEffect) alarms only on changes that are both unlikely under reference noise and
 * large enough to matter. Without it, the calibrated threshold alone is used.
 *
 * @example
 * const t = calibrateThreshold([0.02, 0.03, 0.025, 0.04], { rule: { kind: "mean+k*sd", k: 3 }, minEffect: 0.1 });
 * t.threshold; // 0.1: the noise threshold (~0.054) is below the smallest effect that matters
 */
export function calibrateThreshold(
  referenceStatistics: ArrayLike<number>,
  options: { rule: ThresholdRule; minEffect?: number },
): CalibratedThreshold {
  const { rule } = options;
  const values: number[] = [];
  for (let i = 0; i < referenceStatistics.length; i++) {
    const v = referenceStatistics[i] as number;
    if (Number.isFinite(v)) values.push(v);
  }
  if (values.length < 2)
    throw new RangeError(`need at least 2 finite reference statistics, got ${values.length}`);
  if (rule.kind === "mean+k*sd" && !(rule.k >= 0)) throw new RangeError(`k must be >= 0, got ${rule.k}`);
  if (rule.kind === "quantile" && !(rule.q >= 0 && rule.q <= 1)) throw new RangeError(`q must be in [0, 1]`);
  const minEffect = options.minEffect ?? null;
  if (minEffect !== null && !Number.isFinite(minEffect)) throw new RangeError(`minEffect must be finite`);

  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) * (v - mean), 0) / (n - 1));
  const calibrated =
    rule.kind === "mean+k*sd" ? mean + rule.k * sd : quantileSorted(Float64Array.from(values).sort(), rule.q);
  return {
    threshold: minEffect === null ? calibrated : Math.max(calibrated, minEffect),
    calibrated,
    rule,
    n_chunks: n,
    mean,
    sd,
    min_effect: minEffect,
    dropped: referenceStatistics.length - n,
  };
}
