import type { MonitorKind, MonitorThreshold, Severity } from "../monitors/monitor.js";
import type { Window } from "../window.js";

/** An alert's state: pending (bad, `for` not yet held), firing, resolved (good again, or cleared while pending). */
export type AlertState = "pending" | "firing" | "resolved";

/** The evidence an alert carries: the check that made (or kept) it, the rule and where to look. */
export interface AlertEvidence {
  metric: string;
  value: number | null;
  /** The monitor's fixed bound, or the check's calibrated threshold. */
  threshold: number | null;
  rule: MonitorThreshold;
  window: Window;
  rows: number;
  check: Record<string, unknown>;
  /** The UI view of the model around the window, focused on the subject. */
  link: string;
}

/**
 * One alert: a monitor's bad spell for one subject, version and segment (its fingerprint). A new spell after a
 * resolution is a new alert with a new id; while active there is exactly one per fingerprint.
 *
 * @example
 * const open = alerts.filter((a: Alert) => a.state !== "resolved");
 */
export interface Alert {
  /** UUIDv7-shaped, from the start time and a hash of the fingerprint: replays give the same ids. */
  id: string;
  fingerprint: string;
  monitor: string;
  model: string;
  kind: MonitorKind;
  subject: string;
  version: string | null;
  segment: string | null;
  severity: Severity;
  labels: Record<string, string>;
  notify: string[];
  state: AlertState;
  /** Start of the first bad window (event time). */
  startsMs: number;
  firedMs: number | null;
  resolvedMs: number | null;
  /** End of the last window evaluated for this alert (event time); older windows are not re-applied. */
  lastWindowToMs: number;
  evidence: AlertEvidence;
  acknowledgedMs: number | null;
  acknowledgedBy: string | null;
}

/** A state change, kept as history and routed to notifiers (pending changes are history only). */
export interface AlertEvent {
  alertId: string;
  model: string;
  monitor: string;
  type: "pending" | "firing" | "resolved";
  /** Event time of the change: the end of the window that caused it. */
  atMs: number;
  /** True when a silence matched: kept in history, not notified. */
  silenced: boolean;
  alert: Alert;
}

/**
 * Mutes notifications of matching alerts until `untilMs`. Matchers compare exactly with the alert's
 * `model`, `monitor`, `subject`, `severity`, `version`, `segment` or any of its labels.
 *
 * @example
 * const silence: Silence = { id: "...", matchers: { model: "m", subject: "distance" }, untilMs: Date.parse("2024-03-02"), createdMs: 0, createdBy: "ops", comment: "known unit change" };
 */
export interface Silence {
  id: string;
  matchers: Record<string, string>;
  startsMs: number;
  untilMs: number;
  createdMs: number;
  createdBy: string;
  comment: string;
}

/** True when every matcher of the silence equals the alert's field or label and `nowMs` is in its span. */
export function silenceMatches(silence: Silence, alert: Alert, nowMs: number): boolean {
  if (nowMs < silence.startsMs || nowMs >= silence.untilMs) return false;
  const fields: Record<string, string | null> = {
    model: alert.model,
    monitor: alert.monitor,
    subject: alert.subject,
    severity: alert.severity,
    version: alert.version,
    segment: alert.segment,
    kind: alert.kind,
  };
  return Object.entries(silence.matchers).every(([key, value]) =>
    key in fields ? fields[key] === value : alert.labels[key] === value,
  );
}
