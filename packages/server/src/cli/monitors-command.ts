import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { parse } from "yaml";
import { parseMonitorsFile } from "../engine/monitors/parse-monitors-file.js";
import { SightlineError } from "../errors.js";
import { callApi, printAnswer, queryString, type ServerFlags } from "./api-client.js";
import { renderAlerts } from "./render-alert.js";
import { forText, renderMonitorDetail, renderMonitors } from "./render-monitor.js";
import { commandGroup, serverCommand, targetOf } from "./server-command.js";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of the monitors API
type Json = any;

const enc = encodeURIComponent;

/** What `monitors apply` sends: full monitors to PUT, and monitors only switched on or off by name. */
export interface MonitorsApplyPlan {
  monitors: { name: string; body: Record<string, unknown> }[];
  enabled: Record<string, boolean>;
  /** Notifiers the file declares; the API cannot create them (the server reads them from its --monitors file). */
  notifiers: string[];
}

/**
 * Validates a monitors file as the server would (parseMonitorsFile; errors name the file and field) and
 * plans the API calls that apply it: each monitor's entry as written, PUT by name.
 *
 * @example
 * planMonitorsApply("monitors:\n  - { name: lat, model: m, kind: latency, threshold: { above: 250 } }", "m.yaml");
 * // { monitors: [{ name: "lat", body: { name: "lat", ... } }], enabled: {}, notifiers: [] }
 */
export function planMonitorsApply(text: string, file: string): MonitorsApplyPlan {
  const parsed = parseMonitorsFile(text, file);
  const doc = (parse(text) ?? {}) as { monitors?: Record<string, unknown>[] };
  const entries = doc.monitors ?? [];
  const monitors = parsed.monitors.map((monitor) => {
    const body = entries.find((entry) => entry.name === monitor.name);
    return { name: monitor.name, body: body ?? { name: monitor.name } };
  });
  return { monitors, enabled: parsed.enabled, notifiers: parsed.notifiers.map((n) => n.name) };
}

/**
 * A monitor of an API answer back in the form the API takes (duration `for`, no `source`), switched on or off.
 * Its `delay` goes back only when stated: an observed or default delay stays the server's to work out.
 *
 * @example
 * monitorBody({ name: "lat", for_ms: 7_200_000, source: "default", ... }, false); // { name: "lat", for: "2h", enabled: false, ... }
 */
export function monitorBody(monitor: Json, enabled: boolean): Record<string, unknown> {
  const { for_ms: forMs, source: _source, delay_source: delaySource, delay, ...rest } = monitor;
  const body: Record<string, unknown> = { ...rest, for: forMs ? forText(Number(forMs)) : 0, enabled };
  if (delaySource?.source === "stated" || (delaySource === undefined && delay !== undefined)) {
    body.delay = delay;
  }
  for (const key of Object.keys(body)) if (body[key] === null) delete body[key];
  return body;
}

function listCommand(): Command {
  return serverCommand(
    new Command("list")
      .description("list monitors (defaults, file and API) and where each came from")
      .option("--model <model>", "only monitors of this model"),
    async (flags: ServerFlags & { model?: string }) => {
      const path = `/api/v1/monitors${queryString({ model: flags.model })}`;
      const { json } = await callApi(targetOf(flags), "GET", path);
      printAnswer(flags, json, () => renderMonitors(json.monitors));
    },
  );
}

function showCommand(): Command {
  return serverCommand(
    new Command("show")
      .description("one monitor: its rule, where it came from, and its newest alerts")
      .argument("<name>", "monitor name (see `sightline monitors list`)")
      .option("--alerts <n>", "how many of its newest alerts to show (0: none)", "10"),
    async (name: string, flags: ServerFlags & { alerts: string }) => {
      const count = Number(flags.alerts);
      if (!Number.isInteger(count) || count < 0 || count > 10_000)
        throw new SightlineError("SL_INVALID_QUERY", "--alerts must be an integer from 0 to 10000", {
          field: "--alerts",
        });
      const server = targetOf(flags);
      const { monitor } = (await callApi(server, "GET", `/api/v1/monitors/${enc(name)}`)).json;
      const path = `/api/v1/alerts${queryString({ monitor: monitor.name, limit: String(count) })}`;
      const alerts: Json[] = count === 0 ? [] : (await callApi(server, "GET", path)).json.alerts;
      printAnswer(flags, { monitor, alerts }, () =>
        count === 0
          ? renderMonitorDetail(monitor)
          : `${renderMonitorDetail(monitor)}

newest alerts:
${renderAlerts(alerts)}`,
      );
    },
  );
}

function applyCommand(): Command {
  return serverCommand(
    new Command("apply")
      .description(
        "validate a monitors file (YAML or JSON) locally, then create or replace its monitors (admin)",
      )
      .argument("<file>", "monitors file, as for `sightline serve --monitors`"),
    async (file: string, flags: ServerFlags) => {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        throw new SightlineError("SL_INVALID_MONITOR", `cannot read ${file}: ${(error as Error).message}`, {
          field: "file",
        });
      }
      const plan = planMonitorsApply(text, file);
      const server = targetOf(flags);
      const applied: Json[] = [];
      for (const { name, body } of plan.monitors) {
        applied.push((await callApi(server, "PUT", `/api/v1/monitors/${enc(name)}`, body)).json.monitor);
      }
      for (const [name, enabled] of Object.entries(plan.enabled)) {
        const current = (await callApi(server, "GET", `/api/v1/monitors/${enc(name)}`)).json.monitor;
        const body = monitorBody(current, enabled);
        applied.push((await callApi(server, "PUT", `/api/v1/monitors/${enc(name)}`, body)).json.monitor);
      }
      const answer = { monitors: applied, notifiers_not_applied: plan.notifiers };
      printAnswer(flags, answer, () => {
        const lines = [`applied ${applied.length} monitor(s) from ${file}`, renderMonitors(applied)];
        if (plan.notifiers.length > 0) {
          lines.push(
            `note: notifiers (${plan.notifiers.join(", ")}) are read by the server from its --monitors file; the API does not create them`,
          );
        }
        return lines.join("\n");
      });
    },
  );
}

function evaluateCommand(): Command {
  return serverCommand(
    new Command("evaluate").description(
      "evaluate every monitor on the windows that have closed, now (admin)",
    ),
    async (flags: ServerFlags) => {
      const { json } = await callApi(targetOf(flags), "POST", "/api/v1/monitors/evaluate", {});
      printAnswer(flags, json, () => "monitors evaluated");
    },
  );
}

/**
 * `sightline monitors list|show|apply|evaluate`: the monitors of a running server.
 *
 * @example
 * await main(["node", "sightline", "monitors", "show", "fraud.drift"]);
 */
export function monitorsCommand(): Command {
  return commandGroup("monitors", "monitors: list, show one, apply a file, evaluate now", [
    listCommand(),
    showCommand(),
    applyCommand(),
    evaluateCommand(),
  ]);
}
