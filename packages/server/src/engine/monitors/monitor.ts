import type { CheckKind, Segment } from "../check.js";
import { delayText } from "./label-delay.js";
import { type LabelDelay, labelDelayJson, resolveLabelDelay } from "./observed-label-delay.js";

/** What a monitor watches: a check kind, or `advice` (the retraining verdict, see engine/advice). */
export type MonitorKind = CheckKind | "advice";

/**
 * When a check counts as bad: its own calibrated verdict (`breached`, from the reference), or a fixed bound.
 */
export type MonitorThreshold = { calibrated: true } | { above: number } | { below: number };

export const severities = ["critical", "warning", "info"] as const;
export type Severity = (typeof severities)[number];

/** Where a monitor came from; later sources override earlier ones by name: default < file < api. */
export type MonitorSource = "default" | "file" | "api";

/**
 * A rule over checks: which checks (model, kind, subject, metric, version, segment, window size), when they
 * are bad (threshold) and for how long before the alert fires (`forMs`), and who hears about it.
 *
 * @example
 * const monitor: Monitor = {
 *   name: "delay-drift", model: "flight-delay", kind: "drift", subject: "*", metric: null, window: "1d",
 *   windowMs: 86_400_000, threshold: { calibrated: true }, forMs: 0, severity: "warning", segment: null,
 *   version: null, labels: {}, notify: ["slack"], enabled: true, source: "file",
 * };
 */
export interface Monitor {
  name: string;
  model: string;
  kind: MonitorKind;
  /** A feature or metric subject, or `*` for every subject of the kind. */
  subject: string;
  /** Only checks with this metric (e.g. `p99_ms`); null for any. */
  metric: string | null;
  /** Subjects never watched (e.g. a feature constant per window); absent in monitors saved before it existed. */
  exclude?: string[];
  /** The window size as written (`1d`) and in milliseconds. */
  window: string;
  windowMs: number;
  threshold: MonitorThreshold;
  /** How long the condition must hold (from the start of the first bad window) before firing; 0 fires at once. */
  forMs: number;
  /**
   * How long after a window's end (event time) it is judged, e.g. to wait for labels; absent: for
   * `performance`, the observed label lag (observed-label-delay.ts; 3 days while too few labels), else 0.
   */
  delayMs?: number;
  severity: Severity;
  segment: Segment | null;
  version: string | null;
  labels: Record<string, string>;
  /** Notifier names; empty means every configured notifier. */
  notify: string[];
  enabled: boolean;
  source: MonitorSource;
}

/** A notifier as configured in the monitors file: `{ name, type, url }`. */
export interface NotifierConfig {
  name: string;
  type: "webhook" | "slack" | "alertmanager" | "retraining";
  url: string;
}

/**
 * The JSON form of a monitor in API answers and files (durations as written, no internal fields): `delay`
 * is the delay in force (`delay`, when resolved, e.g. from the observed label lag; else the stated one or
 * the kind's default) and `delay_source` where it came from (observed-label-delay.ts).
 *
 * @example
 * monitorToJson(monitor, { delayMs: 7_200_000, source: "observed", quantile: 0.95, labels: 500, lagMs: 6e6 });
 * // { ..., delay: "2h", delay_source: { source: "observed", quantile: 0.95, labels: 500, lag_ms: 6000000 }, ... }
 */
export function monitorToJson(monitor: Monitor, delay?: LabelDelay): Record<string, unknown> {
  const { delay: delayShown, ...delaySource } = labelDelayJson(delay ?? resolveLabelDelay(monitor));
  return {
    name: monitor.name,
    model: monitor.model,
    kind: monitor.kind,
    subject: monitor.subject,
    metric: monitor.metric,
    exclude: monitor.exclude ?? [],
    window: monitor.window,
    threshold: monitor.threshold,
    for_ms: monitor.forMs,
    delay: delayShown ?? delayText(0),
    delay_source: delaySource,
    severity: monitor.severity,
    segment: monitor.segment ? `${monitor.segment.tag}:${monitor.segment.value}` : null,
    version: monitor.version,
    labels: monitor.labels,
    notify: monitor.notify,
    enabled: monitor.enabled,
    source: monitor.source,
  };
}
