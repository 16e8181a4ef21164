import { Command, Option } from "commander";
import { parseLabelMatchers } from "../engine/alerts/alert-label-matchers.js";
import { parseDuration } from "../engine/window.js";
import { SightlineError } from "../errors.js";
import { checkModelName } from "../names.js";
import { callApi, printAnswer, queryString, type ServerFlags } from "./api-client.js";
import { renderAlertDetail, renderAlerts, renderSilences } from "./render-alert.js";
import { formatUtc } from "./render-table.js";
import { commandGroup, serverCommand, targetOf } from "./server-command.js";

const enc = encodeURIComponent;

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

/** What `alerts list` filters on. */
export interface AlertListRequest {
  state?: string | undefined;
  model?: string | undefined;
  monitor?: string | undefined;
  label?: string[] | undefined;
  limit?: string | undefined;
  before?: string | undefined;
}

/**
 * The path of `GET /api/v1/alerts` for `sightline alerts list`; a malformed `--label` is caught here, named,
 * before any request.
 *
 * @example
 * alertListPath({ state: "firing", label: ["team=ml", "severity=critical"] }); // "/api/v1/alerts?state=firing&label=team%3Dml&label=severity%3Dcritical"
 */
export function alertListPath(request: AlertListRequest): string {
  const labels = request.label ?? [];
  try {
    parseLabelMatchers(labels);
  } catch (error) {
    if (error instanceof SightlineError)
      throw new SightlineError(error.code, `--${error.message}`, { field: "--label" });
    throw error;
  }
  const query = queryString({
    state: request.state,
    model: request.model,
    monitor: request.monitor,
    limit: request.limit,
    before: request.before,
  });
  const search = new URLSearchParams(query.slice(1));
  for (const label of labels) search.append("label", label);
  const text = search.toString();
  return `/api/v1/alerts${text === "" ? "" : `?${text}`}`;
}

// Repeatable option: commander hands back what it collected so far (nothing before the first).
const collect = (value: string, previous: string[] = []) => [...previous, value];

function listCommand(): Command {
  return serverCommand(
    new Command("list")
      .description("list alerts, newest first, filtered by the server")
      .addOption(
        new Option("--state <state>", "only alerts in this state").choices(["firing", "pending", "resolved"]),
      )
      .option("--model <model>", "only alerts of this model")
      .option("--monitor <name>", "only alerts of this monitor")
      .option("--label <key=value>", "only alerts with this label; repeat: every one must match", collect)
      .option("--limit <n>", "at most this many alerts (default 500)")
      .option("--before <id>", "the next page: alerts after this one (the id `list` names at its end)"),
    async (flags: ServerFlags & AlertListRequest) => {
      const { json } = await callApi(targetOf(flags), "GET", alertListPath(flags));
      printAnswer(flags, json, () =>
        json.next_before
          ? `${renderAlerts(json.alerts)}\nmore alerts: add --before ${json.next_before}`
          : renderAlerts(json.alerts),
      );
    },
  );
}

function showCommand(): Command {
  return serverCommand(
    new Command("show")
      .description("one alert: state, times, its monitor, the evidence and its history")
      .argument("<id>", "alert id (see `sightline alerts list`)"),
    async (id: string, flags: ServerFlags) => {
      const { json } = await callApi(targetOf(flags), "GET", `/api/v1/alerts/${enc(id)}`);
      printAnswer(flags, json, () => renderAlertDetail(json));
    },
  );
}

function ackCommand(): Command {
  return serverCommand(
    new Command("ack")
      .description("acknowledge an alert (admin)")
      .argument("<id>", "alert id (see `sightline alerts list`)")
      .option("--by <name>", "who acknowledges it", "cli"),
    async (id: string, flags: ServerFlags & { by: string }) => {
      const path = `/api/v1/alerts/${enc(id)}/ack`;
      const { json } = await callApi(targetOf(flags), "POST", path, { by: flags.by });
      printAnswer(
        flags,
        json,
        () =>
          `acknowledged ${json.alert.id} (${json.alert.monitor}, ${json.alert.state}) by ${json.alert.acknowledged_by}`,
      );
    },
  );
}

function silenceCommand(): Command {
  return serverCommand(
    new Command("silence")
      .description("mute notifications of a model's alerts (or one monitor's) for a while (admin)")
      .requiredOption("--model <model>", "the model whose alerts to silence")
      .option("--monitor <name>", "only this monitor's alerts")
      .option("--for <duration>", "how long, e.g. 30m, 2h, 1d", "2h")
      .option("--comment <text>", "why"),
    async (flags: ServerFlags & SilenceRequest) => {
      const body = silenceBody(flags, Date.now());
      const { json } = await callApi(targetOf(flags), "POST", "/api/v1/silences", body);
      const s = json.silence;
      printAnswer(flags, json, () => {
        const on = Object.entries(s.matchers as Record<string, string>)
          .map(([k, v]) => `${k}=${v}`)
          .join(" ");
        return `silenced ${on} until ${formatUtc(s.until)} (id ${s.id})`;
      });
    },
  );
}

function silencesCommand(): Command {
  return serverCommand(
    new Command("silences")
      .description("list the silences in force, with their ids")
      .option("--expired", "expired silences too"),
    async (flags: ServerFlags & { expired?: boolean }) => {
      const path = `/api/v1/silences${flags.expired ? "?expired=true" : ""}`;
      const { json } = await callApi(targetOf(flags), "GET", path);
      printAnswer(flags, json, () => renderSilences(json.silences));
    },
  );
}

function unsilenceCommand(): Command {
  return serverCommand(
    new Command("unsilence")
      .description("end a silence now (admin); it stays in the history")
      .argument("<silence-id>", "silence id (see `sightline alerts silences`)"),
    async (id: string, flags: ServerFlags) => {
      await callApi(targetOf(flags), "DELETE", `/api/v1/silences/${enc(id)}`);
      printAnswer(flags, { ended: id }, () => `ended silence ${id}`);
    },
  );
}

/**
 * `sightline alerts list|show|ack|silence|silences|unsilence`: the alerts and silences of a running server.
 *
 * @example
 * await main(["node", "sightline", "alerts", "list", "--state", "firing", "--label", "team=ml"]);
 */
export function alertsCommand(): Command {
  return commandGroup("alerts", "alerts: list, show, acknowledge, silence, list and end silences", [
    listCommand(),
    showCommand(),
    ackCommand(),
    silenceCommand(),
    silencesCommand(),
    unsilenceCommand(),
  ]);
}
