import { type Alert, type Silence, silenceMatches } from "./alert.js";

/**
 * The labels that identify an alert, as silences match them and Alertmanager receives them: the monitor's
 * own labels, then `model`, `monitor`, `kind`, `subject` (the feature or column for drift and quality),
 * `severity`, and `version` and `segment` when set.
 *
 * @example
 * alertLabels(alert); // { team: "risk", model: "fraud", monitor: "fraud.drift", kind: "drift", subject: "amount", severity: "warning", version: "v1" }
 */
export function alertLabels(alert: Alert): Record<string, string> {
  const labels: Record<string, string> = {
    ...alert.labels,
    model: alert.model,
    monitor: alert.monitor,
    kind: alert.kind,
    subject: alert.subject,
    severity: alert.severity,
  };
  if (alert.version !== null) labels.version = alert.version;
  if (alert.segment !== null) labels.segment = alert.segment;
  return labels;
}

/**
 * The silence in force over an alert at `nowMs` (the first that matches, see `silenceMatches`), if any.
 *
 * @example
 * matchingSilence(alert, await store.alerts.listSilences(now, false), now)?.id;
 */
export function matchingSilence(
  alert: Alert,
  silences: readonly Silence[],
  nowMs: number,
): Silence | undefined {
  return silences.find((s) => silenceMatches(s, alert, nowMs));
}
