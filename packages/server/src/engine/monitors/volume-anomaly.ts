import { EwmaAnomalyDetector, type EwmaAnomalyUpdate } from "@sightline/stats";

/**
 * Judges the last point of a per-window volume series against an EWMA band learned from the points before
 * it (stats' EwmaAnomalyDetector: level ± k·sd of the one-step residuals, winsorised). Windows without
 * predictions must be in the series as 0. Returns the detector's view of the last point; `drift` is the verdict.
 *
 * @example
 * volumeAnomaly([100, 98, 103, 101, 99, 102, 100, 97, 3]).drift; // true
 */
export function volumeAnomaly(series: readonly number[], warmup = 7, k = 4): EwmaAnomalyUpdate {
  // The sd is floored at the Poisson sd of the mean count, sqrt(mean): a very regular stream would otherwise
  // get a band narrower than counting noise and alarm on it.
  const history = series.slice(0, -1);
  const mean = history.length > 0 ? history.reduce((a, b) => a + b, 0) / history.length : 0;
  const detector = new EwmaAnomalyDetector({
    warmup: Math.max(2, warmup),
    k,
    varianceAlpha: 0.1,
    minSd: Math.sqrt(Math.max(mean, 1)),
  });
  let last: EwmaAnomalyUpdate | undefined;
  for (const x of series) last = detector.update(x);
  if (!last) throw new RangeError("volumeAnomaly needs at least one point");
  return last;
}
