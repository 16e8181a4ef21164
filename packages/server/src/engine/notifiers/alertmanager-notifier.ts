import type { AlertEvent } from "../alerts/alert.js";
import type { NotificationGroup, Notifier, PostJson } from "./notifier.js";

/** How long Alertmanager keeps a firing alert without hearing of it again (the service re-sends sooner). */
export const alertmanagerTtlMs = 3_600_000;

/**
 * One event as an Alertmanager v2 postable alert: labels identify it (`alertname` = monitor, plus model,
 * subject, severity, version, segment and the monitor's labels), annotations carry the evidence,
 * `generatorURL` the UI link. A firing alert ends `alertmanagerTtlMs` after `nowMs` unless re-sent; a
 * resolved one ends at its resolution (event time), which Alertmanager treats as resolved.
 *
 * @example
 * const body = group.events.map((e) => alertmanagerAlert(e, Date.now()));
 */
export function alertmanagerAlert(event: AlertEvent, nowMs: number): Record<string, unknown> {
  const a = event.alert;
  const labels: Record<string, string> = {
    ...a.labels,
    alertname: a.monitor,
    model: a.model,
    kind: a.kind,
    subject: a.subject,
    severity: a.severity,
  };
  if (a.version !== null) labels.version = a.version;
  if (a.segment !== null) labels.segment = a.segment;
  const e = a.evidence;
  const endsMs =
    event.type === "resolved"
      ? Math.max(a.resolvedMs ?? event.atMs, a.startsMs + 1)
      : nowMs + alertmanagerTtlMs;
  return {
    labels,
    annotations: {
      summary: `${a.monitor}: ${e.metric} of ${a.subject} is ${e.value}${e.threshold === null ? "" : ` (threshold ${e.threshold})`}`,
      value: String(e.value),
      threshold: String(e.threshold),
      window: `${new Date(e.window.fromMs).toISOString()}/${new Date(e.window.toMs).toISOString()}`,
      sightline_alert_id: a.id,
    },
    startsAt: new Date(a.startsMs).toISOString(),
    endsAt: new Date(endsMs).toISOString(),
    generatorURL: e.link,
  };
}

/**
 * Posts to an Alertmanager's v2 API (`<url>/api/v2/alerts`), which then groups, routes and de-duplicates.
 *
 * @example
 * const notifier = alertmanagerNotifier({ name: "am", url: "http://127.0.0.1:9093" }, postJson);
 */
export function alertmanagerNotifier(config: { name: string; url: string }, post: PostJson): Notifier {
  const endpoint = `${config.url.replace(/\/+$/, "")}/api/v2/alerts`;
  return {
    name: config.name,
    type: "alertmanager",
    send: (group: NotificationGroup, nowMs: number) =>
      post(
        endpoint,
        group.events.map((e: AlertEvent) => alertmanagerAlert(e, nowMs)),
      ),
  };
}
