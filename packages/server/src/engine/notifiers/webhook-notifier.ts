import type { AlertEvent } from "../alerts/alert.js";
import type { NotificationGroup, Notifier, PostJson } from "./notifier.js";

/** The JSON one alert event is sent as by the webhook and retraining notifiers. */
export function eventToJson(event: AlertEvent): Record<string, unknown> {
  const a = event.alert;
  return {
    id: a.id,
    status: event.type,
    at: new Date(event.atMs).toISOString(),
    monitor: a.monitor,
    model: a.model,
    kind: a.kind,
    subject: a.subject,
    version: a.version,
    segment: a.segment,
    severity: a.severity,
    labels: a.labels,
    starts_at: new Date(a.startsMs).toISOString(),
    fired_at: a.firedMs === null ? null : new Date(a.firedMs).toISOString(),
    resolved_at: a.resolvedMs === null ? null : new Date(a.resolvedMs).toISOString(),
    evidence: {
      ...a.evidence,
      window: {
        from: new Date(a.evidence.window.fromMs).toISOString(),
        to: new Date(a.evidence.window.toMs).toISOString(),
      },
    },
  };
}

/**
 * Generic JSON webhook: one POST per model group, `{ version: 1, model, alerts: [event...] }`. The
 * `retraining` notifier type sends the same body (its alerts are `advice` verdicts).
 *
 * @example
 * const notifier = webhookNotifier({ name: "hook", type: "webhook", url: "https://example.com/hook" });
 */
export function webhookNotifier(
  config: { name: string; type: "webhook" | "retraining"; url: string },
  post: PostJson,
): Notifier {
  return {
    name: config.name,
    type: config.type,
    send: (group: NotificationGroup) =>
      post(config.url, { version: 1, model: group.model, alerts: group.events.map(eventToJson) }),
  };
}
