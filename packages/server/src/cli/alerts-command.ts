import { Command, Option } from "commander";
import { parseDuration } from "../engine/window.js";
import { SightlineError } from "../errors.js";
import { checkModelName } from "../names.js";
import {
  callApi,
  printAnswer,
  queryString,
  type ServerFlags,
  serverTarget,
  withServerOptions,
} from "./api-client.js";
import { formatNumber, formatUtc, renderTable } from "./render-table.js";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of the alerts API, read by the renderers below
type Json = any;

const enc = encodeURIComponent;

/**
 * The alerts of `GET /api/v1/alerts` as a table: id, state, severity, model, monitor, subject, value against
 * threshold, and when it started, fired, resolved (UTC).
 *
 * @example
 * console.log(renderAlerts(json.alerts));
 */
export function renderAlerts(alerts: readonly Json[]): string {
  if (alerts.length === 0) return "no alerts";
  const rows = [
    [
      "ID",
      "STATE",
      "SEVERITY",
      "MODEL",
      "MONITOR",
      "SUBJECT",
      "VALUE",
      "THRESHOLD",
      "STARTS",
      "FIRED",
      "RESOLVED",
      "ACK",
    ],
  ];
  for (const a of alerts) {
    rows.push([
      String(a.id),
      String(a.state),
      String(a.severity),
      String(a.model),
      String(a.monitor),
      `${a.subject}${a.version ? ` @${a.version}` : ""}${a.segment ? ` [${a.segment}]` : ""}`,
      formatNumber(a.evidence?.value),
      formatNumber(a.evidence?.threshold),
      formatUtc(a.starts_at),
      formatUtc(a.fired_at),
      formatUtc(a.resolved_at),
      a.acknowledged_by ? String(a.acknowledged_by) : "-",
    ]);
  }
  return renderTable(rows);
}

/** What `alerts silence` asks for. */
export interface SilenceRequest {
  model: string;
  monitor?: string | undefined;
  for: string;
  comment?: string | undefined;
}

/**
 * The body of `POST /api/v1/silences` for `sightline alerts silence`: matchers on the model (and monitor),
 * lasting `--for` from `nowMs`. Throws SL_INVALID_QUERY naming the flag.
 *
 * @example
 * silenceBody({ model: "fraud", for: "2h" }, 0); // { matchers: { model: "fraud" }, until: "1970-01-01T02:00:00.000Z", ... }
 */
export function silenceBody(request: SilenceRequest, nowMs: number): Record<string, unknown> {
  const model = checkModelName(request.model);
  const forMs = parseDuration(request.for, "--for");
  const matchers: Record<string, string> = { model };
  if (request.monitor !== undefined) {
    if (request.monitor.trim() === "")
      throw new SightlineError("SL_INVALID_QUERY", "--monitor must not be empty", { field: "--monitor" });
    matchers.monitor = request.monitor;
  }
  return {
    matchers,
    until: new Date(nowMs + forMs).toISOString(),
    comment: request.comment ?? "",
    created_by: "cli",
  };
}

function target(flags: ServerFlags) {
  return serverTarget(flags, process.env);
}

function listCommand(): Command {
  return withServerOptions(
    new Command("list")
      .description("list alerts, newest first")
      .addOption(
        new Option("--state <state>", "only alerts in this state").choices(["firing", "pending", "resolved"]),
      )
      .option("--model <model>", "only alerts of this model")
      .option("--limit <n>", "at most this many alerts (default 500)"),
  ).action(async (flags: ServerFlags & { state?: string; model?: string; limit?: string }) => {
    const path = `/api/v1/alerts${queryString({ state: flags.state, model: flags.model, limit: flags.limit })}`;
    const { json } = await callApi(target(flags), "GET", path);
    printAnswer(flags, json, () => renderAlerts(json.alerts));
  });
}

function ackCommand(): Command {
  return withServerOptions(
    new Command("ack")
      .description("acknowledge an alert (admin)")
      .argument("<id>", "alert id (see `sightline alerts list`)")
      .option("--by <name>", "who acknowledges it", "cli"),
  ).action(async (id: string, flags: ServerFlags & { by: string }) => {
    const { json } = await callApi(target(flags), "POST", `/api/v1/alerts/${enc(id)}/ack`, { by: flags.by });
    printAnswer(
      flags,
      json,
      () =>
        `acknowledged ${json.alert.id} (${json.alert.monitor}, ${json.alert.state}) by ${json.alert.acknowledged_by}`,
    );
  });
}

function silenceCommand(): Command {
  return withServerOptions(
    new Command("silence")
      .description("mute notifications of a model's alerts (or one monitor's) for a while (admin)")
      .requiredOption("--model <model>", "the model whose alerts to silence")
      .option("--monitor <name>", "only this monitor's alerts")
      .option("--for <duration>", "how long, e.g. 30m, 2h, 1d", "2h")
      .option("--comment <text>", "why"),
  ).action(async (flags: ServerFlags & SilenceRequest) => {
    const body = silenceBody(flags, Date.now());
    const { json } = await callApi(target(flags), "POST", "/api/v1/silences", body);
    const s = json.silence;
    printAnswer(flags, json, () => {
      const on = Object.entries(s.matchers as Record<string, string>)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ");
      return `silenced ${on} until ${formatUtc(s.until)} (id ${s.id})`;
    });
  });
}

/**
 * `sightline alerts list|ack|silence`: the alerts of a running server.
 *
 * @example
 * await main(["node", "sightline", "alerts", "list", "--state", "firing", "--model", "fraud"]);
 */
export function alertsCommand(): Command {
  const alerts = new Command("alerts").description("alerts: list, acknowledge, silence").showHelpAfterError();
  for (const command of [listCommand(), ackCommand(), silenceCommand()])
    alerts.addCommand(command.showHelpAfterError());
  return alerts;
}
