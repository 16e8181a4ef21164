import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { parse } from "yaml";
import { parseMonitorsFile } from "../engine/monitors/parse-monitors-file.js";
import { SightlineError } from "../errors.js";
import {
  callApi,
  printAnswer,
  queryString,
  type ServerFlags,
  serverTarget,
  withServerOptions,
} from "./api-client.js";
import { formatNumber, renderTable } from "./render-table.js";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of the monitors API, read by the renderers below
type Json = any;

const enc = encodeURIComponent;

function thresholdText(threshold: Json): string {
  if (threshold?.calibrated) return "calibrated";
  if (threshold?.above !== undefined) return `> ${formatNumber(threshold.above)}`;
  if (threshold?.below !== undefined) return `< ${formatNumber(threshold.below)}`;
  return "-";
}

function forText(forMs: number): string {
  if (!forMs) return "0";
  for (const [unit, ms] of [
    ["w", 604_800_000],
    ["d", 86_400_000],
    ["h", 3_600_000],
  ] as const) {
    if (forMs % ms === 0) return `${forMs / ms}${unit}`;
  }
  return `${Math.round(forMs / 60_000)}m`;
}

/**
 * A monitor's delay and where it came from: `2h (p95 of 480 labels)`, `3d (default, 12 labels)`, `1d
 * (stated)`; just `0` for a monitor judged at once by default.
 *
 * @example
 * delayCell({ delay: "2h", delay_source: { source: "observed", quantile: 0.95, labels: 480 } }); // "2h (p95 of 480 labels)"
 */
export function delayCell(monitor: Json): string {
  const delay = String(monitor.delay ?? 0);
  const from = monitor.delay_source;
  if (!from?.source) return delay;
  if (from.source === "observed") {
    return `${delay} (p${Math.round(Number(from.quantile) * 100)} of ${formatNumber(from.labels)} labels)`;
  }
  if (from.source === "default") {
    if (from.labels === undefined) return delay;
    return `${delay} (default, ${formatNumber(from.labels)} label${from.labels === 1 ? "" : "s"})`;
  }
  return `${delay} (${from.source})`;
}

/**
 * The monitors of `GET /api/v1/monitors` as a table: name, model, kind, subject, metric, window, threshold,
 * for, delay (and where it came from), severity, enabled and source.
 *
 * @example
 * console.log(renderMonitors(json.monitors));
 */
export function renderMonitors(monitors: readonly Json[]): string {
  if (monitors.length === 0) return "no monitors";
  const rows = [
    [
      "NAME",
      "MODEL",
      "KIND",
      "SUBJECT",
      "METRIC",
      "WINDOW",
      "THRESHOLD",
      "FOR",
      "DELAY",
      "SEVERITY",
      "ENABLED",
      "SOURCE",
    ],
  ];
  for (const m of monitors) {
    rows.push([
      String(m.name),
      String(m.model),
      String(m.kind),
      `${m.subject}${m.version ? ` @${m.version}` : ""}${m.segment ? ` [${m.segment}]` : ""}`,
      m.metric ?? "-",
      String(m.window),
      thresholdText(m.threshold),
      forText(Number(m.for_ms)),
      delayCell(m),
      String(m.severity),
      m.enabled ? "yes" : "no",
      String(m.source),
    ]);
  }
  return renderTable(rows);
}

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

function target(flags: ServerFlags) {
  return serverTarget(flags, process.env);
}

function listCommand(): Command {
  return withServerOptions(
    new Command("list")
      .description("list monitors (defaults, file and API) and where each came from")
      .option("--model <model>", "only monitors of this model"),
  ).action(async (flags: ServerFlags & { model?: string }) => {
    const { json } = await callApi(
      target(flags),
      "GET",
      `/api/v1/monitors${queryString({ model: flags.model })}`,
    );
    printAnswer(flags, json, () => renderMonitors(json.monitors));
  });
}

function applyCommand(): Command {
  return withServerOptions(
    new Command("apply")
      .description(
        "validate a monitors file (YAML or JSON) locally, then create or replace its monitors (admin)",
      )
      .argument("<file>", "monitors file, as for `sightline serve --monitors`"),
  ).action(async (file: string, flags: ServerFlags) => {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new SightlineError("SL_INVALID_MONITOR", `cannot read ${file}: ${(error as Error).message}`, {
        field: "file",
      });
    }
    const plan = planMonitorsApply(text, file);
    const server = target(flags);
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
  });
}

function evaluateCommand(): Command {
  return withServerOptions(
    new Command("evaluate").description(
      "evaluate every monitor on the windows that have closed, now (admin)",
    ),
  ).action(async (flags: ServerFlags) => {
    const { json } = await callApi(target(flags), "POST", "/api/v1/monitors/evaluate", {});
    printAnswer(flags, json, () => "monitors evaluated");
  });
}

/**
 * `sightline monitors list|apply|evaluate`: the monitors of a running server.
 *
 * @example
 * await main(["node", "sightline", "monitors", "apply", "monitors.yaml"]);
 */
export function monitorsCommand(): Command {
  const monitors = new Command("monitors")
    .description("monitors: list, apply a file, evaluate now")
    .showHelpAfterError();
  for (const command of [listCommand(), applyCommand(), evaluateCommand()])
    monitors.addCommand(command.showHelpAfterError());
  return monitors;
}
