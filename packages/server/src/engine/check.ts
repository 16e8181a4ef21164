import type { Window } from "./window.js";

/** What a check measures; monitors select checks by kind and subject. */
export const checkKinds = [
  "drift",
  "multivariate_drift",
  "performance",
  "estimated_performance",
  "quality",
  "latency",
  "error_rate",
  "volume",
  "stuck_output",
  "serving_version",
  "staleness",
] as const;
export type CheckKind = (typeof checkKinds)[number];

/**
 * One computed result for one window: the engine's unit of evidence. Monitors compare `value` with a
 * threshold (their own, or the check's calibrated `threshold` when they have none) and alerts carry the
 * check as their evidence.
 *
 * @example
 * const check: Check = {
 *   model: "flight-delay", version: "v3", segment: null, window: { fromMs: 0, toMs: 86_400_000 },
 *   kind: "drift", subject: "distance", metric: "wasserstein_normalized", value: 0.42, threshold: 0.1,
 *   breached: true, rows: 12_000, evidence: { method: "wasserstein_normalized", p_value: null },
 * };
 */
export interface Check {
  model: string;
  /** The version the window's predictions came from; null when the check spans all versions. */
  version: string | null;
  /** `tag=value` of the segment the window was restricted to; null for all traffic. */
  segment: string | null;
  window: Window;
  kind: CheckKind;
  /** What was checked: a feature name, `prediction`, `label`, a metric's subject such as `overall`. */
  subject: string;
  /** The statistic or metric, e.g. `ks`, `psi`, `f1`, `p99_ms`, `missing_rate`. */
  metric: string;
  /** Null when the window had too little data to compute it. */
  value: number | null;
  /** The calibrated or stated threshold the value was judged against; null when none applies. */
  threshold: number | null;
  /** True when the value crossed the threshold in the bad direction. */
  breached: boolean;
  /** Rows the value was computed from. */
  rows: number;
  /** Everything a person needs to believe the verdict: p-value, method, reference size, bins... */
  evidence: Record<string, unknown>;
}
