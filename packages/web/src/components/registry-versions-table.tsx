import { Link } from "react-router";
import type { ModelVersion } from "../api/types.js";
import { formatCount, formatDateTime, formatNumber } from "../format.js";

/** A model's versions: aliases, registered flag, metrics, training time and run, traffic. */
export function RegistryVersionsTable(props: { versions: ModelVersion[] }) {
  return (
    <table className="data" aria-label="versions">
      <thead>
        <tr>
          <th>Version</th>
          <th>Aliases</th>
          <th>Registered</th>
          <th>Metrics</th>
          <th>Trained</th>
          <th>Training run</th>
          <th>Predictions</th>
        </tr>
      </thead>
      <tbody>
        {props.versions.map((v) => (
          <tr key={v.version} data-version={v.version}>
            <td>
              <strong>{v.version}</strong>
              {v.description ? <div className="muted">{v.description}</div> : null}
            </td>
            <td data-field="aliases">
              {v.aliases.length === 0
                ? "—"
                : v.aliases.map((alias) => (
                    <span key={alias} className="alias-badge">
                      {alias}
                    </span>
                  ))}
            </td>
            <td data-field="registered">{v.registered ? "yes" : "no (only seen in data)"}</td>
            <td data-field="metrics">
              {Object.entries(v.metrics).length === 0
                ? "—"
                : Object.entries(v.metrics)
                    .map(([name, value]) => `${name} ${formatNumber(value, 4)}`)
                    .join(", ")}
            </td>
            <td>{formatDateTime(v.trained_timestamp)}</td>
            <td>
              {v.run_id ? (
                <Link to={`/lineage/runs/${encodeURIComponent(v.run_id)}`}>
                  <code>{v.run_id.length > 16 ? `${v.run_id.slice(0, 16)}…` : v.run_id}</code>
                </Link>
              ) : (
                "—"
              )}
            </td>
            <td className="num">{formatCount(v.predictions)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
