import type { AlertJson, SilenceJson } from "./api/types.js";

/**
 * The silence in force over an alert, if any: every matcher equals the alert's field (model, monitor,
 * subject, severity, version, segment, kind) and `nowMs` is in its span, as the server's `silenceMatches`
 * (labels are not in the alert listing, so a silence on a label never matches here).
 *
 * @example
 * silenceOver(alert, silences, Date.now())?.until; // "2024-03-02T00:00:00.000Z"
 */
export function silenceOver(
  alert: AlertJson,
  silences: readonly SilenceJson[],
  nowMs: number,
): SilenceJson | undefined {
  const fields: Record<string, string | null> = {
    model: alert.model,
    monitor: alert.monitor,
    subject: alert.subject,
    severity: alert.severity,
    version: alert.version,
    segment: alert.segment,
    kind: alert.kind,
  };
  return silences.find(
    (s) =>
      Date.parse(s.starts_at) <= nowMs &&
      nowMs < Date.parse(s.until) &&
      Object.entries(s.matchers).every(([key, value]) => key in fields && fields[key] === value),
  );
}
