import type { ServingCheck } from "../api/types.js";
import { formatCount, formatNumber, formatPercent } from "../format.js";

function valueText(check: ServingCheck): string {
  if (check.metric === "off_alias_share") return formatPercent(check.value);
  if (check.metric === "training_age_days")
    return check.value === null ? "—" : `${formatNumber(check.value)} days`;
  return formatNumber(check.value);
}

function why(check: ServingCheck): string {
  const e = check.evidence;
  if (check.kind === "serving_version") {
    if (typeof e.reason === "string") return e.reason;
    const off = Array.isArray(e.off_alias_versions) ? (e.off_alias_versions as string[]) : [];
    return off.length === 0
      ? `all traffic from ${String(e.alias_version)}, the holder of ${String(e.alias)}`
      : `traffic from ${off.join(", ")}, not ${String(e.alias_version)} (${String(e.alias)})`;
  }
  const reasons = Array.isArray(e.reasons) ? (e.reasons as string[]) : [];
  return reasons.length === 0 ? "fresh and current" : reasons.join("; ");
}

/** The serving checks of a model: is traffic on the serving alias's version, and is any serving version stale. */
export function RegistryServingChecks(props: { checks: ServingCheck[] }) {
  if (props.checks.length === 0) return <p className="muted">No check.</p>;
  return (
    <table className="data" aria-label="serving checks">
      <thead>
        <tr>
          <th>Check</th>
          <th>Version</th>
          <th>Value</th>
          <th>Predictions</th>
          <th>State</th>
          <th>Why</th>
        </tr>
      </thead>
      <tbody>
        {props.checks.map((c) => (
          <tr key={`${c.kind}-${c.version ?? ""}`} data-kind={c.kind} data-breached={String(c.breached)}>
            <td>{c.kind === "serving_version" ? `serving ${c.subject}` : "training staleness"}</td>
            <td>{c.version ?? "all"}</td>
            <td className="num">{valueText(c)}</td>
            <td className="num">{formatCount(c.rows)}</td>
            <td>
              <span className={c.breached ? "status status-failed" : "status status-success"}>
                {c.breached ? "breached" : "ok"}
              </span>
            </td>
            <td>{why(c)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
