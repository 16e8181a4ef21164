import type { AlertEvent } from "../alerts/alert.js";
import type { NotificationGroup, Notifier, PostJson } from "./notifier.js";

function line(event: AlertEvent): string {
  const a = event.alert;
  const icon = event.type === "firing" ? ":red_circle:" : ":large_green_circle:";
  const value =
    a.evidence.value === null
      ? "no value"
      : `${a.evidence.metric} = ${Number(a.evidence.value.toPrecision(4))}`;
  const threshold =
    a.evidence.threshold === null ? "" : ` (threshold ${Number(a.evidence.threshold.toPrecision(4))})`;
  const where = [a.version && `version ${a.version}`, a.segment && `segment ${a.segment}`]
    .filter(Boolean)
    .join(", ");
  return `${icon} *${event.type.toUpperCase()}* ${a.monitor} on \`${a.subject}\`${where ? ` (${where})` : ""}: ${value}${threshold} — <${a.evidence.link}|view>`;
}

/**
 * The Slack message of a model group: a `text` fallback and `blocks` (a header and one section per alert),
 * as Slack incoming webhooks and compatible receivers (Mattermost, Rocket.Chat) accept.
 *
 * @example
 * const body = slackMessage({ model: "m", events });
 */
export function slackMessage(group: NotificationGroup): { text: string; blocks: unknown[] } {
  const firing = group.events.filter((e) => e.type === "firing").length;
  const resolved = group.events.length - firing;
  const summary = `Sightline ${group.model}: ${firing} firing, ${resolved} resolved`;
  return {
    text: [summary, ...group.events.map(line)].join("\n"),
    blocks: [
      { type: "header", text: { type: "plain_text", text: summary } },
      ...group.events.map((e) => ({ type: "section", text: { type: "mrkdwn", text: line(e) } })),
    ],
  };
}

/**
 * Slack-compatible incoming webhook notifier: one message per model group.
 *
 * @example
 * const notifier = slackNotifier({ name: "team", url: "https://hooks.slack.com/services/..." }, postJson);
 */
export function slackNotifier(config: { name: string; url: string }, post: PostJson): Notifier {
  return { name: config.name, type: "slack", send: (group) => post(config.url, slackMessage(group)) };
}
