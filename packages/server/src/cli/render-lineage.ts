import type { RunSummary } from "../lineage/run-record.js";
import type { TraceNode } from "../lineage/trace-tree.js";

function label(node: TraceNode): string {
  if (node.type === "prediction") {
    return `prediction ${node.model}/${node.id} (version ${node.version}, ${node.timestamp})`;
  }
  if (node.type === "artifact") {
    return `${node.name} [${node.kind}]${node.hash ? ` #${node.hash}` : ""}${node.truncated ? ` (… ${node.truncated})` : ""}`;
  }
  const time = node.end_time ? `${node.start_time} → ${node.end_time}` : `${node.start_time} →`;
  return `run ${node.component} ${node.id} ${node.status} ${time}${node.truncated ? ` (… ${node.truncated})` : ""}`;
}

/**
 * Renders a trace as an indented tree; stale warnings are marked `! STALE:` under their run.
 *
 * @example
 * console.log(renderTrace(answer.trace));
 */
export function renderTrace(root: TraceNode): string {
  const lines: string[] = [label(root)];
  const walk = (node: TraceNode, indent: string) => {
    const stale = node.type === "run" ? node.stale : [];
    const children = node.children as TraceNode[];
    stale.forEach((message) => {
      lines.push(`${indent}${children.length > 0 ? "│" : " "}  ! STALE: ${message}`);
    });
    children.forEach((child, i) => {
      const last = i === children.length - 1;
      lines.push(`${indent}${last ? "└── " : "├── "}${label(child)}`);
      walk(child, `${indent}${last ? "    " : "│   "}`);
    });
  };
  walk(root, "");
  return lines.join("\n");
}

/**
 * Renders runs as aligned columns: id, component, status, start and end.
 *
 * @example
 * console.log(renderRuns(answer.runs));
 */
export function renderRuns(runs: readonly (RunSummary & { flagged_outputs?: number })[]): string {
  if (runs.length === 0) return "(no runs)";
  const withFlags = runs.some((r) => r.flagged_outputs !== undefined);
  const header = ["ID", "COMPONENT", "STATUS", "START", "END", ...(withFlags ? ["FLAGGED"] : [])];
  const rows = runs.map((r) => [
    r.id,
    r.component,
    r.status,
    r.start_time,
    r.end_time ?? "-",
    ...(withFlags ? [String(r.flagged_outputs ?? 0)] : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
