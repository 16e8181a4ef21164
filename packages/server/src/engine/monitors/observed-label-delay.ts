import { DEFAULT_LABEL_DELAY_MS, delayText, LABEL_LOOKBACK_MS, monitorDelayMs } from "./label-delay.js";

/**
 * The label lag quantile is read over labels whose own event time is in the 30 days before the clock.
 * Selecting by label time, not prediction time, keeps slow labels in: the predictions of the last days have
 * only their fast labels yet, so a prediction-time span would see lags shorter than they are.
 */
export const LABEL_LAG_SPAN_MS = 30 * 86_400_000;
/** p95: a window is judged once nearly all of its labels are in, and the look-back covers the slow rest. */
export const LABEL_LAG_QUANTILE = 0.95;
/**
 * Fewest joined labels behind an observed delay: a p95 of n lags rests on its n / 20 largest, five at
 * 100; fewer fall back to DEFAULT_LABEL_DELAY_MS. Also the labels a performance check needs for a verdict.
 */
export const MIN_LAG_LABELS = 100;
/** Observed delays are rounded up to whole hours, so the delay moves in steps, not with every label. */
export const LAG_ROUNDING_MS = 3_600_000;

/** The label lag of a model's recent labels: how many there are and their LABEL_LAG_QUANTILE, in ms. */
export interface LabelLag {
  labels: number;
  quantileMs: number | null;
}

/**
 * The delay a monitor waits after a window's end, and where it came from: `stated` (its `delay`),
 * `observed` (the lag quantile over `labels` recent labels, `lagMs` before rounding), or `default` (the
 * kind's default; for performance monitors, 3 days when too few labels are known, `labels` of them).
 */
export interface LabelDelay {
  delayMs: number;
  source: "stated" | "observed" | "default";
  quantile?: number;
  labels?: number;
  lagMs?: number;
}

/**
 * A performance monitor's delay from the observed label lag: the lag quantile rounded up to whole hours,
 * at least one hour (a window then still gets a second look while short of labels) and at most the
 * look-back (7 days; slower labels are still met by the retries within it); 3 days with fewer than
 * MIN_LAG_LABELS labels.
 *
 * @example
 * observedLabelDelay({ labels: 500, quantileMs: 5_000_000 }); // { delayMs: 7_200_000, source: "observed", ... }
 */
export function observedLabelDelay(lag: LabelLag): LabelDelay {
  if (lag.labels < MIN_LAG_LABELS || lag.quantileMs === null || !Number.isFinite(lag.quantileMs)) {
    return { delayMs: DEFAULT_LABEL_DELAY_MS, source: "default", labels: lag.labels };
  }
  const rounded = Math.ceil(lag.quantileMs / LAG_ROUNDING_MS) * LAG_ROUNDING_MS;
  return {
    delayMs: Math.min(LABEL_LOOKBACK_MS, Math.max(LAG_ROUNDING_MS, rounded)),
    source: "observed",
    quantile: LABEL_LAG_QUANTILE,
    labels: lag.labels,
    lagMs: lag.quantileMs,
  };
}

/** True when the monitor's delay comes from the observed label lag: a performance monitor stating none. */
export function usesObservedDelay(monitor: { kind: string; delayMs?: number }): boolean {
  return monitor.kind === "performance" && monitor.delayMs === undefined;
}

/**
 * The delay a monitor uses: its stated `delay`; for a performance monitor stating none, the observed lag
 * (when `lag` is given); else the kind's default.
 *
 * @example
 * resolveLabelDelay({ kind: "performance", delayMs: 3_600_000 }); // { delayMs: 3_600_000, source: "stated" }
 */
export function resolveLabelDelay(monitor: { kind: string; delayMs?: number }, lag?: LabelLag): LabelDelay {
  if (monitor.delayMs !== undefined) return { delayMs: monitor.delayMs, source: "stated" };
  if (usesObservedDelay(monitor) && lag !== undefined) return observedLabelDelay(lag);
  return { delayMs: monitorDelayMs(monitor), source: "default" };
}

/**
 * The JSON form of a delay, as monitors listings and alert evidence show it.
 *
 * @example
 * labelDelayJson({ delayMs: 7_200_000, source: "observed", quantile: 0.95, labels: 500, lagMs: 5_000_000 });
 * // { delay: "2h", source: "observed", quantile: 0.95, labels: 500, lag_ms: 5_000_000 }
 */
export function labelDelayJson(delay: LabelDelay): Record<string, unknown> {
  const json: Record<string, unknown> = { delay: delayText(delay.delayMs), source: delay.source };
  if (delay.quantile !== undefined) json.quantile = delay.quantile;
  if (delay.labels !== undefined) json.labels = delay.labels;
  if (delay.lagMs !== undefined) json.lag_ms = delay.lagMs;
  if (delay.source === "default" && delay.labels !== undefined) json.min_labels = MIN_LAG_LABELS;
  return json;
}
