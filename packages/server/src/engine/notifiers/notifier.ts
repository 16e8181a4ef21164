import type { AlertEvent } from "../alerts/alert.js";
import type { NotifierConfig } from "../monitors/monitor.js";

/** The events of one evaluation for one model, sent together (grouping per model). */
export interface NotificationGroup {
  model: string;
  events: AlertEvent[];
}

/** The `fetch` notifiers post with; injectable for tests. */
export type PostJson = (url: string, body: unknown) => Promise<void>;

/**
 * Somewhere alerts go. `send` rejects on failure (the queue retries it).
 *
 * @example
 * const notifier: Notifier = { name: "hook", type: "webhook", send: async (group) => post(url, group) };
 */
export interface Notifier {
  readonly name: string;
  readonly type: NotifierConfig["type"];
  send(group: NotificationGroup, nowMs: number): Promise<void>;
}

/**
 * POSTs JSON with `fetch` and a timeout; a non-2xx answer rejects with its status and the start of its body.
 *
 * @example
 * await postJson("http://127.0.0.1:9093/api/v2/alerts", [{ labels: { alertname: "x" } }]);
 */
export const postJson: PostJson = async (url, body) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 200)}`);
};

/**
 * Which events go to which notifier, grouped per model: firing events and the resolution of alerts that
 * fired (pending changes are history only), never silenced ones. An alert goes to the notifiers its monitor
 * names, or to every notifier but the `retraining` ones when it names none; `retraining` notifiers get only
 * `advice` alerts.
 *
 * @example
 * for (const { notifier, group } of routeEvents(events, notifiers)) queue.push(notifier, group);
 */
export function routeEvents(
  events: readonly AlertEvent[],
  notifiers: readonly Pick<Notifier, "name" | "type">[],
): { notifier: string; group: NotificationGroup }[] {
  const routed = new Map<string, NotificationGroup>();
  for (const event of events) {
    if (event.silenced) continue;
    if (event.type === "pending" || (event.type === "resolved" && event.alert.firedMs === null)) continue;
    for (const notifier of notifiers) {
      const named = event.alert.notify.length > 0;
      const wanted = named
        ? event.alert.notify.includes(notifier.name)
        : notifier.type === "retraining"
          ? event.alert.kind === "advice"
          : true;
      if (!wanted || (notifier.type === "retraining" && event.alert.kind !== "advice")) continue;
      const key = `${notifier.name}\u0000${event.model}`;
      const group = routed.get(key) ?? { model: event.model, events: [] };
      group.events.push(event);
      routed.set(key, group);
    }
  }
  return [...routed.entries()].map(([key, group]) => ({ notifier: key.split("\u0000")[0] as string, group }));
}
