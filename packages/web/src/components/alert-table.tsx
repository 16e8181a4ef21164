import { Link } from "react-router";
import type { AlertJson, SilenceJson } from "sightline/api-types";
import { formatCount, formatDateTime, formatNumber, formatRelative } from "../format.js";
import { AlertActions } from "./alert-actions.js";
import { thresholdSourceOf } from "./threshold-source.js";

/** The in-app path of an alert's evidence link (the server gives an absolute URL). */
function viewPath(link: string): string {
  try {
    const url = new URL(link, window.location.origin);
    return `${url.pathname}${url.search}`;
  } catch {
    return "/";
  }
}

// A calibrated rule names the part of the check's threshold that decided (a p-value test's level is not
// calibrated), when the check says.
function ruleText(rule: Record<string, unknown>, check: Record<string, unknown>): string {
  if (typeof rule.above === "number") return `above ${formatNumber(rule.above)}`;
  if (typeof rule.below === "number") return `below ${formatNumber(rule.below)}`;
  return thresholdSourceOf(check) ?? "calibrated";
}

/** The labels a row lists: the alert's identity is in other columns already. */
const shownElsewhere = new Set(["model", "monitor", "subject", "severity", "version", "segment"]);

/**
 * Alerts with their evidence (check value, threshold, rule, window, rows, link to the model view), state,
 * acknowledgement, the silence in force (the server's `silenced`, its end looked up in `silences`), labels
 * (each a link to the alerts filtered by it), and the acknowledge and silence buttons.
 *
 * @example
 * <AlertTable alerts={alerts} silences={silences} nowMs={Date.now()} />
 */
export function AlertTable(props: { alerts: AlertJson[]; silences: SilenceJson[]; nowMs: number }) {
  const { nowMs } = props;
  return (
    <table className="data" aria-label="alerts">
      <thead>
        <tr>
          <th>State</th>
          <th>Model · monitor</th>
          <th>Subject</th>
          <th>Evidence</th>
          <th>Since</th>
          <th>Actions</th>
        </tr>
      </thead>
      <tbody>
        {props.alerts.map((a) => {
          const silence = a.silenced ? props.silences.find((x) => x.id === a.silence_id) : undefined;
          const e = a.evidence;
          return (
            <tr
              key={a.id}
              data-alert-id={a.id}
              data-state={a.state}
              data-acknowledged={a.acknowledged_at !== null ? "true" : "false"}
              data-silenced={a.silenced ? "true" : "false"}
              className={a.silenced ? "silenced" : undefined}
              data-values={JSON.stringify({
                metric: e.metric,
                value: e.value,
                threshold: e.threshold,
                rows: e.rows,
              })}
            >
              <td>
                <span className={`status state-${a.state}`}>{a.state}</span>{" "}
                <span className={`severity severity-${a.severity}`}>{a.severity}</span>
                {a.acknowledged_at ? (
                  <div className="muted">
                    acknowledged by {a.acknowledged_by} {formatRelative(a.acknowledged_at, nowMs)}
                  </div>
                ) : null}
                {a.silenced ? (
                  <div className="silence-mark" data-silenced-by={a.silence_id ?? ""}>
                    silenced{silence ? ` until ${formatDateTime(silence.until)}` : ""}
                  </div>
                ) : null}
              </td>
              <td>
                <Link to={`/models/${encodeURIComponent(a.model)}`}>{a.model}</Link>
                <div className="muted">{a.monitor}</div>
              </td>
              <td>
                {a.subject}
                {a.version ? <div className="muted">version {a.version}</div> : null}
                {a.segment ? <div className="muted">segment {a.segment}</div> : null}
                <ul className="labels" aria-label="labels">
                  {Object.entries(a.labels)
                    .filter(([key]) => !shownElsewhere.has(key))
                    .map(([key, value]) => (
                      <li key={key}>
                        <Link
                          to={`/alerts?${new URLSearchParams({ state: "all", label: `${key}=${value}` })}`}
                          title={`alerts labelled ${key}=${value}`}
                        >
                          {key}={value}
                        </Link>
                      </li>
                    ))}
                </ul>
              </td>
              <td>
                <div>
                  {e.metric} <strong>{formatNumber(e.value, 4)}</strong>, threshold{" "}
                  {formatNumber(e.threshold, 4)} ({ruleText(e.rule, e.check)})
                </div>
                <div className="muted">
                  window {formatDateTime(e.window.from)} to {formatDateTime(e.window.to)},{" "}
                  {formatCount(e.rows)} rows
                </div>
                <Link to={viewPath(e.link)}>View in the model page</Link>
              </td>
              <td title={a.starts_at}>
                {formatRelative(a.starts_at, nowMs)}
                {a.resolved_at ? (
                  <div className="muted">resolved {formatRelative(a.resolved_at, nowMs)}</div>
                ) : null}
              </td>
              <td>
                <AlertActions alert={a} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
