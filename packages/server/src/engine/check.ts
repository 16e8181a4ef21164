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
  /**
   * The window's evidence is still arriving (fewer labels than a verdict needs): monitors neither judge
   * the check nor count the window as evaluated, so it can be judged again once labels arrive.
   */
  immature?: boolean;
}

/** A segment: the predictions whose tag `tag` equals `value` (query form `segment=tag:value`). */
export interface Segment {
  tag: string;
  value: string;
}

/** What to compute checks for: one model, one window, optionally one version and one segment. */
export interface CheckQuery {
  model: string;
  window: Window;
  version?: string;
  segment?: Segment;
  /** Event-time "now" (e.g. the newest prediction seen), for staleness and label-lag decisions. */
  nowMs: number;
}

/**
 * A source of checks (drift, performance, quality, registry...). The monitor evaluator asks every
 * registered provider for the kinds its monitors need; providers aggregate in the store.
 *
 * @example
 * const provider: CheckProvider = { kinds: ["volume"], checks: async (q) => [volumeCheck(q)] };
 */
export interface CheckProvider {
  readonly kinds: readonly CheckKind[];
  checks(query: CheckQuery): Promise<Check[]>;
}
