import { Link } from "react-router";
import type { TraceNode } from "../api/types.js";
import { formatDateTime } from "../format.js";
import { RunStatusBadge } from "./lineage-run-status.js";

const truncation = {
  depth: "deeper steps not shown (depth limit)",
  size: "not shown (trace too large)",
  cycle: "cycle: this run is its own ancestor",
} as const;

function NodeLine(props: { node: TraceNode }) {
  const { node } = props;
  if (node.type === "prediction") {
    return (
      <span className="trace-node">
        <span className="node-type">prediction</span> <code>{node.id}</code> of {node.model} {node.version} at{" "}
        {formatDateTime(node.timestamp)}
      </span>
    );
  }
  if (node.type === "artifact") {
    return (
      <span className="trace-node">
        <span className="node-type">{node.kind}</span> <code>{node.name}</code>
        {node.hash ? <span className="muted"> #{node.hash.slice(0, 12)}</span> : null}
        {node.truncated ? <span className="muted"> — {truncation[node.truncated]}</span> : null}
      </span>
    );
  }
  if (node.truncated === "depth" && node.component === "") {
    return (
      <span className="trace-node">
        <span className="node-type">run</span> <code>{node.id}</code>{" "}
        <span className="muted">— {truncation.depth}</span>
      </span>
    );
  }
  return (
    <span className="trace-node">
      <span className="node-type">run</span>{" "}
      <Link to={`/lineage/runs/${encodeURIComponent(node.id)}`}>{node.component}</Link>{" "}
      <span className="muted">{formatDateTime(node.start_time)}</span> <RunStatusBadge status={node.status} />
      {node.stale.length > 0 ? (
        <>
          {" "}
          <strong className="stale-badge">⚠ stale</strong>
          <ul className="stale-list">
            {node.stale.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </>
      ) : null}
    </span>
  );
}

function keyOf(node: TraceNode): string {
  if (node.type === "artifact") return `artifact:${node.name}#${node.hash ?? ""}`;
  return `${node.type}:${node.id}`;
}

function Branch(props: { node: TraceNode }) {
  const { node } = props;
  return (
    <li
      data-node-type={node.type}
      data-label={node.type === "run" ? node.component : node.type === "artifact" ? node.name : node.id}
      data-stale={node.type === "run" && node.stale.length > 0 ? "true" : undefined}
    >
      <NodeLine node={node} />
      {node.children.length > 0 ? (
        <ul>
          {node.children.map((child) => (
            <Branch key={keyOf(child)} node={child} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/**
 * A backward trace as a nested list (the accessible twin of the lineage graph): every node labelled (run:
 * component, start time, status; artifact: name and kind), stale runs marked with their warnings, runs
 * linking to their page.
 */
export function LineageTraceList(props: { trace: TraceNode }) {
  return (
    <ul className="trace-list" aria-label="trace">
      <Branch node={props.trace} />
    </ul>
  );
}
