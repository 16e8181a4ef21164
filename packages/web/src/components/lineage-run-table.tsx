import { Link } from "react-router";
import type { RunSummary } from "../api/types.js";
import { formatDateTime, formatDuration } from "../format.js";
import { RunStatusBadge } from "./lineage-run-status.js";

/** Runs as a table: component, start, duration, status, linking each run to its page. */
export function LineageRunTable(props: {
  label: string;
  runs: (RunSummary & { flagged_outputs?: number })[];
  showFlagged?: boolean;
}) {
  return (
    <table className="data" aria-label={props.label}>
      <thead>
        <tr>
          <th>Run</th>
          <th>Component</th>
          <th>Started</th>
          <th>Duration</th>
          <th>Status</th>
          {props.showFlagged ? <th>Flagged outputs fed</th> : null}
        </tr>
      </thead>
      <tbody>
        {props.runs.map((run) => (
          <tr key={run.id} data-run={run.id} data-component={run.component}>
            <td>
              <Link to={`/lineage/runs/${encodeURIComponent(run.id)}`}>
                <code>{run.id}</code>
              </Link>
            </td>
            <td>
              <Link to={`/lineage/components/${encodeURIComponent(run.component)}`}>{run.component}</Link>
            </td>
            <td>{formatDateTime(run.start_time)}</td>
            <td className="num">
              {formatDuration(
                run.end_time === null ? null : Date.parse(run.end_time) - Date.parse(run.start_time),
              )}
            </td>
            <td>
              <RunStatusBadge status={run.status} />
            </td>
            {props.showFlagged ? (
              <td className="num" data-field="flagged">
                {run.flagged_outputs ?? 0}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
