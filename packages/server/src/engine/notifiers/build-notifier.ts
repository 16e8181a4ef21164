import type { NotifierConfig } from "../monitors/monitor.js";
import { alertmanagerNotifier } from "./alertmanager-notifier.js";
import type { Notifier, PostJson } from "./notifier.js";
import { slackNotifier } from "./slack-notifier.js";
import { webhookNotifier } from "./webhook-notifier.js";

/**
 * The notifier a monitors-file entry describes.
 *
 * @example
 * const notifier = buildNotifier({ name: "am", type: "alertmanager", url: "http://127.0.0.1:9093" }, postJson);
 */
export function buildNotifier(config: NotifierConfig, post: PostJson): Notifier {
  switch (config.type) {
    case "alertmanager":
      return alertmanagerNotifier(config, post);
    case "slack":
      return slackNotifier(config, post);
    case "webhook":
    case "retraining":
      return webhookNotifier({ name: config.name, type: config.type, url: config.url }, post);
  }
}
