import type { Alert, AlertEvent, AlertState, Silence } from "../../engine/alerts/alert.js";
import { alertLabels, matchingSilence } from "../../engine/alerts/alert-listing.js";
import type { MonitorKind, MonitorThreshold, Severity } from "../../engine/monitors/monitor.js";
import { windowToJson } from "../../engine/window.js";

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** An alert as the alert endpoints answer it. */
export interface AlertJson {
  id: string;
  state: AlertState;
  monitor: string;
  model: string;
  kind: MonitorKind;
  subject: string;
  version: string | null;
  segment: string | null;
  severity: Severity;
  /** The monitor's labels and the alert's model, monitor, kind, subject, severity, version, segment. */
  labels: Record<string, string>;
  /** A silence is in force over the alert now: its notifications are muted. */
  silenced: boolean;
  silence_id: string | null;
  starts_at: string;
  fired_at: string | null;
  resolved_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  evidence: {
    metric: string;
    value: number | null;
    threshold: number | null;
    rule: MonitorThreshold;
    window: { from: string; to: string };
    rows: number;
    check: Record<string, unknown>;
    link: string;
  };
}

/** A silence as the silence endpoints answer it. */
export interface SilenceJson {
  id: string;
  matchers: Record<string, string>;
  starts_at: string;
  until: string;
  created_at: string;
  created_by: string;
  comment: string;
}

/**
 * The JSON form of an alert in API answers: `labels` as silences match them, and `silenced` with the id of
 * the silence in force over it (among `silences`, at `nowMs`).
 *
 * @example
 * const json = alertToJson(alert, await store.alerts.listSilences(nowMs, false), nowMs);
 */
export function alertToJson(a: Alert, silences: readonly Silence[], nowMs: number): AlertJson {
  const silence = matchingSilence(a, silences, nowMs);
  return {
    id: a.id,
    state: a.state,
    monitor: a.monitor,
    model: a.model,
    kind: a.kind,
    subject: a.subject,
    version: a.version,
    segment: a.segment,
    severity: a.severity,
    labels: alertLabels(a),
    silenced: silence !== undefined,
    silence_id: silence?.id ?? null,
    starts_at: new Date(a.startsMs).toISOString(),
    fired_at: iso(a.firedMs),
    resolved_at: iso(a.resolvedMs),
    acknowledged_at: iso(a.acknowledgedMs),
    acknowledged_by: a.acknowledgedBy,
    evidence: { ...a.evidence, window: windowToJson(a.evidence.window) },
  };
}

/** An alert's state change as the alert endpoints answer it. */
export function eventToJson(e: AlertEvent): Record<string, unknown> {
  return {
    alert_id: e.alertId,
    type: e.type,
    at: iso(e.atMs),
    monitor: e.monitor,
    model: e.model,
    silenced: e.silenced,
  };
}

/** A silence as the silence endpoints answer it. */
export function silenceToJson(s: Silence): SilenceJson {
  return {
    id: s.id,
    matchers: s.matchers,
    starts_at: new Date(s.startsMs).toISOString(),
    until: new Date(s.untilMs).toISOString(),
    created_at: new Date(s.createdMs).toISOString(),
    created_by: s.createdBy,
    comment: s.comment,
  };
}
