import type { TraceNode } from "../api/types.js";

/** One node of the lineage graph, placed on a layer by its depth in the backward trace. */
export interface LineageGraphNode {
  /** `run:<id>`, `artifact:<name>#<hash>` or `prediction:<model>/<id>`: one node per run or artifact. */
  key: string;
  type: TraceNode["type"];
  /** What the node shows: a run's component, an artifact's name, a prediction's id. */
  label: string;
  /** The run id, for run nodes (to open the run's page). */
  runId: string | null;
  /** Steps from the root (the longest path, so every edge points to a deeper layer). */
  depth: number;
  /** Position in the layered layout: upstream on the left, the traced output on the right. */
  x: number;
  y: number;
  stale: boolean;
  status: string | null;
  kind: string | null;
}

/** An edge from an upstream node to the node that used it (data flow direction). */
export interface LineageGraphEdge {
  source: string;
  target: string;
}

const columnGap = 220;
const rowGap = 90;

function keyOf(node: TraceNode): string {
  if (node.type === "run") return `run:${node.id}`;
  if (node.type === "artifact") return `artifact:${node.name}#${node.hash ?? ""}`;
  return `prediction:${node.model}/${node.id}`;
}

function labelOf(node: TraceNode): string {
  if (node.type === "run") return node.component || node.id;
  if (node.type === "artifact") return node.name;
  return node.id;
}

/**
 * Turns a backward trace tree into a layered graph: a run or artifact reached along several paths becomes
 * one node (the trace repeats it), each node sits on the layer of its longest distance from the root
 * (longest-path layering, as Sugiyama-style layouts assign layers, so edges always run between layers
 * in one direction), and nodes of a layer are spread evenly in order of first appearance.
 *
 * @example
 * const { nodes, edges } = lineageLayout(trace);
 * nodes.find((n) => n.label === "clean")?.depth; // 4 for a clean → featuregen → split → train run chain
 */
export function lineageLayout(root: TraceNode): { nodes: LineageGraphNode[]; edges: LineageGraphEdge[] } {
  const nodes = new Map<string, LineageGraphNode>();
  const edges = new Map<string, LineageGraphEdge>();
  const visit = (node: TraceNode, depth: number, parent: string | null) => {
    const key = keyOf(node);
    const known = nodes.get(key);
    if (known) {
      known.depth = Math.max(known.depth, depth);
      known.stale ||= node.type === "run" && node.stale.length > 0;
    } else {
      nodes.set(key, {
        key,
        type: node.type,
        label: labelOf(node),
        runId: node.type === "run" ? node.id : null,
        depth,
        x: 0,
        y: 0,
        stale: node.type === "run" && node.stale.length > 0,
        status: node.type === "run" ? node.status : null,
        kind: node.type === "artifact" ? node.kind : null,
      });
    }
    if (parent !== null) edges.set(`${key}\u0000${parent}`, { source: key, target: parent });
    for (const child of node.children) visit(child, depth + 1, key);
  };
  visit(root, 0, null);
  // A node's depth can grow after its children were placed; push children down until every edge descends.
  let changed = true;
  for (let round = 0; changed && round < nodes.size; round++) {
    changed = false;
    for (const edge of edges.values()) {
      const upstream = nodes.get(edge.source);
      const downstream = nodes.get(edge.target);
      if (upstream && downstream && upstream.depth <= downstream.depth) {
        upstream.depth = downstream.depth + 1;
        changed = true;
      }
    }
  }
  const maxDepth = Math.max(0, ...[...nodes.values()].map((n) => n.depth));
  const layers = new Map<number, LineageGraphNode[]>();
  for (const node of nodes.values()) layers.set(node.depth, [...(layers.get(node.depth) ?? []), node]);
  for (const [depth, layer] of layers) {
    layer.forEach((node, i) => {
      node.x = (maxDepth - depth) * columnGap;
      node.y = (i - (layer.length - 1) / 2) * rowGap;
    });
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
