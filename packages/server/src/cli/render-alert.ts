import { labelsText, thresholdText } from "./render-monitor.js";
import { formatNumber, formatUtc, renderTable } from "./render-table.js";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of the alerts API
type Json = any;

function subjectText(a: Json): string {
  return `${a.subject}${a.version ? ` @${a.version}` : ""}${a.segment ? ` [${a.segment}]` : ""}`;
}

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
      subjectText(a),
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

// A check field on one line: numbers to 4 significant digits, structures as compact JSON cut at 160
// characters (`--json` has them whole).
function valueText(value: unknown): string {
  if (value === null || value === undefined) return "-";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

function fieldLines(fields: readonly [string, string][], indent = ""): string[] {
  const width = Math.max(0, ...fields.map(([k]) => k.length)) + 1;
  return fields.map(([k, v]) => `${indent}${`${k}:`.padEnd(width)} ${v}`);
}

/**
 * One alert of `GET /api/v1/alerts/{id}` as readable lines: state, severity, the monitor, subject, labels,
 * times (UTC), acknowledgement and silence, the evidence (value against the threshold and rule, window and
 * rows, every field of the check, the UI link) and the history of state changes.
 *
 * @example
 * console.log(renderAlertDetail(json)); // json = { alert, history }
 */
export function renderAlertDetail(answer: { alert: Json; history?: readonly Json[] }): string {
  const a = answer.alert;
  const e = a.evidence ?? {};
  const lines = fieldLines([
    ["alert", String(a.id)],
    ["state", String(a.state)],
    ["severity", String(a.severity)],
    ["model", String(a.model)],
    ["monitor", `${a.monitor} (${a.kind})`],
    ["subject", subjectText(a)],
    ["labels", labelsText(a.labels)],
    ["starts", formatUtc(a.starts_at)],
    ["fired", formatUtc(a.fired_at)],
    ["resolved", formatUtc(a.resolved_at)],
    ["acknowledged", a.acknowledged_at ? `by ${a.acknowledged_by} at ${formatUtc(a.acknowledged_at)}` : "no"],
    ["silenced", a.silenced ? `yes (silence ${a.silence_id})` : "no"],
  ]);
  lines.push("evidence:");
  lines.push(
    `  ${e.metric} = ${formatNumber(e.value)}, threshold ${formatNumber(e.threshold)} (rule: ${thresholdText(e.rule)})`,
  );
  lines.push(
    `  window ${formatUtc(e.window?.from)} to ${formatUtc(e.window?.to)}, ${formatNumber(e.rows)} rows`,
  );
  const check = Object.entries((e.check ?? {}) as Record<string, unknown>);
  if (check.length > 0) {
    lines.push("  check:");
    lines.push(
      ...fieldLines(
        check.map(([k, v]) => [k, valueText(v)] as [string, string]),
        "    ",
      ),
    );
  }
  if (e.link) lines.push(`  view: ${e.link}`);
  const history = answer.history ?? [];
  lines.push(history.length === 0 ? "history: none" : "history:");
  for (const h of history) lines.push(`  ${formatUtc(h.at)}  ${h.type}${h.silenced ? " (silenced)" : ""}`);
  return lines.join("\n");
}

/**
 * The silences of `GET /api/v1/silences` as a table: id, matchers, start, end, who made it and why.
 *
 * @example
 * console.log(renderSilences(json.silences));
 */
export function renderSilences(silences: readonly Json[]): string {
  if (silences.length === 0) return "no silences";
  const rows = [["ID", "MATCHERS", "STARTS", "UNTIL", "BY", "COMMENT"]];
  for (const s of silences) {
    rows.push([
      String(s.id),
      labelsText(s.matchers),
      formatUtc(s.starts_at),
      formatUtc(s.until),
      String(s.created_by),
      s.comment ? String(s.comment) : "-",
    ]);
  }
  return renderTable(rows);
}
