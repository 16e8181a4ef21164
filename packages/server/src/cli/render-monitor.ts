import { formatNumber, renderTable } from "./render-table.js";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of the monitors API
type Json = any;

/**
 * A monitor's (or an alert's) threshold rule in a few characters: `calibrated`, `> 0.5`, `< 10`.
 *
 * @example
 * thresholdText({ above: 0.5 }); // "> 0.5"
 */
export function thresholdText(threshold: Json): string {
  if (threshold?.calibrated) return "calibrated";
  if (threshold?.above !== undefined) return `> ${formatNumber(threshold.above)}`;
  if (threshold?.below !== undefined) return `< ${formatNumber(threshold.below)}`;
  return "-";
}

/**
 * A monitor's `for` as the monitors file writes it: `0`, `2h`, `1d`, `90m`.
 *
 * @example
 * forText(7_200_000); // "2h"
 */
export function forText(forMs: number): string {
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

function subjectText(m: Json): string {
  return `${m.subject}${m.version ? ` @${m.version}` : ""}${m.segment ? ` [${m.segment}]` : ""}`;
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
      subjectText(m),
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

/**
 * Labels as `key=value` separated by spaces, or `-` for none.
 *
 * @example
 * labelsText({ team: "ml", tier: "gold" }); // "team=ml tier=gold"
 */
export function labelsText(labels: Record<string, string> | null | undefined): string {
  const entries = Object.entries(labels ?? {});
  return entries.length === 0 ? "-" : entries.map(([k, v]) => `${k}=${v}`).join(" ");
}

/**
 * One monitor of `GET /api/v1/monitors/{name}` as `field: value` lines, every field of the answer.
 *
 * @example
 * console.log(renderMonitorDetail(json.monitor));
 */
export function renderMonitorDetail(m: Json): string {
  const lines: [string, string][] = [
    ["monitor", String(m.name)],
    ["model", String(m.model)],
    ["kind", String(m.kind)],
    ["subject", subjectText(m)],
    ["metric", m.metric ?? "-"],
    ["exclude", (m.exclude ?? []).length === 0 ? "-" : m.exclude.join(", ")],
    ["window", String(m.window)],
    ["threshold", thresholdText(m.threshold)],
    ["for", forText(Number(m.for_ms))],
    ["delay", delayCell(m)],
    ["severity", String(m.severity)],
    ["labels", labelsText(m.labels)],
    ["notify", (m.notify ?? []).length === 0 ? "every notifier" : m.notify.join(", ")],
    ["enabled", m.enabled ? "yes" : "no"],
    ["source", String(m.source)],
  ];
  const width = Math.max(...lines.map(([k]) => k.length)) + 1;
  return lines.map(([k, v]) => `${`${k}:`.padEnd(width)} ${v}`).join("\n");
}
