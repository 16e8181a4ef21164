import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { getJson } from "../api/client.js";
import type { RunDetail } from "../api/types.js";
import { RunStatusBadge } from "../components/lineage-run-status.js";
import { QueryState } from "../components/query-state.js";
import { formatDateTime, formatDuration, formatNumber, formatRelative } from "../format.js";

const traceLink = (kind: "run" | "artifact", value: string) =>
  `/lineage?${new URLSearchParams({ [kind]: value })}`;

function Artifacts(props: {
  label: string;
  items: { name: string; hash: string | null; kind: string; producer?: string | null }[];
}) {
  if (props.items.length === 0) return <p className="muted">None.</p>;
  return (
    <ul className="artifact-list" aria-label={props.label}>
      {props.items.map((a) => (
        <li key={`${a.name}#${a.hash ?? ""}`} data-artifact={a.name}>
          <span className="node-type">{a.kind}</span> <Link to={traceLink("artifact", a.name)}>{a.name}</Link>
          {a.hash ? <span className="muted"> #{a.hash}</span> : null}
          {a.producer ? (
            <>
              {" "}
              written by run{" "}
              <Link to={`/lineage/runs/${encodeURIComponent(a.producer)}`}>
                <code>{a.producer}</code>
              </Link>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function KeyValues(props: { label: string; values: Record<string, unknown> | null }) {
  const entries = Object.entries(props.values ?? {});
  if (entries.length === 0) return <p className="muted">None.</p>;
  return (
    <table className="data compact" aria-label={props.label}>
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key} data-key={key}>
            <th scope="row">{key}</th>
            <td className={typeof value === "number" ? "num" : undefined}>
              {typeof value === "number" ? formatNumber(value, 4) : JSON.stringify(value)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RunRecordView(props: { run: RunDetail }) {
  const { run } = props;
  const nowMs = Date.now();
  return (
    <>
      <h1>
        {run.component} <RunStatusBadge status={run.status} />
      </h1>
      <dl className="facts">
        <dt>Run id</dt>
        <dd>
          <code>{run.id}</code>
        </dd>
        <dt>Component</dt>
        <dd>
          <Link to={`/lineage/components/${encodeURIComponent(run.component)}`}>{run.component} history</Link>
        </dd>
        <dt>Started</dt>
        <dd>
          {formatDateTime(run.start_time)}{" "}
          <span className="muted">({formatRelative(run.start_time, nowMs)})</span>
        </dd>
        <dt>Ended</dt>
        <dd>
          {formatDateTime(run.end_time)}
          {run.end_time ? ` (${formatDuration(Date.parse(run.end_time) - Date.parse(run.start_time))})` : ""}
        </dd>
        <dt>Git commit</dt>
        <dd data-field="git_commit">{run.git_commit ? <code>{run.git_commit}</code> : "—"}</dd>
        <dt>Received</dt>
        <dd>{formatDateTime(run.received_time)}</dd>
      </dl>
      <p>
        <Link to={traceLink("run", run.id)}>Backward trace</Link> ·{" "}
        <Link to={`/lineage/impact?run=${encodeURIComponent(run.id)}`}>Forward impact</Link>
      </p>
      {run.error ? (
        <p role="alert" className="error-box">
          Failed: {run.error}
        </p>
      ) : null}
      <h2>Staleness</h2>
      {run.stale.length === 0 ? (
        <p className="muted">Not stale: every dependency is recent and the freshest of its component.</p>
      ) : (
        <div className="stale-summary" role="status" aria-label="stale warnings">
          <strong>⚠ stale</strong>
          <ul>
            {run.stale.map((w) => (
              <li key={`${w.dependency_id}-${w.reason}`}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
      <h2>Dependencies</h2>
      {run.dependencies.length === 0 ? (
        <p className="muted">None: no input was written by a recorded run.</p>
      ) : (
        <ul aria-label="dependencies">
          {run.dependencies.map((id) => (
            <li key={id}>
              <Link to={`/lineage/runs/${encodeURIComponent(id)}`}>
                <code>{id}</code>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <h2>Inputs</h2>
      <Artifacts label="inputs" items={run.inputs} />
      <h2>Outputs</h2>
      <Artifacts label="outputs" items={run.outputs} />
      <h2>Parameters</h2>
      <KeyValues label="parameters" values={run.params} />
      <h2>Metrics</h2>
      <KeyValues label="metrics" values={run.metrics} />
      <h2>Notes</h2>
      {run.notes ? <p className="notes">{run.notes}</p> : <p className="muted">None.</p>}
      <h2>Code snapshot</h2>
      {run.code_hash ? (
        <p className="muted">
          hash <code>{run.code_hash}</code>
        </p>
      ) : null}
      {run.code_snapshot ? (
        <pre className="code" data-field="code_snapshot">
          {run.code_snapshot}
        </pre>
      ) : (
        <p className="muted">No code snapshot was recorded.</p>
      )}
    </>
  );
}

/** One lineage run in full: times, git commit, inputs, outputs, params, metrics, notes, code, staleness. */
export function LineageRunPage() {
  const id = useParams().id ?? "";
  const query = useQuery({
    queryKey: ["run", id],
    queryFn: () => getJson<RunDetail>(`/api/v1/runs/${encodeURIComponent(id)}`),
  });
  return (
    <section>
      <p>
        <Link to="/lineage">Lineage</Link> / run
      </p>
      <QueryState query={query}>{(run) => <RunRecordView run={run} />}</QueryState>
    </section>
  );
}
