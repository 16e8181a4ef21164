import type { ArtifactKind } from "./artifact.js";
import type { RunSummary } from "./run-record.js";
import type { StaleWarning } from "./staleness.js";

/** One input of a run with the run that wrote it (resolved when the run was stored), if any. */
export interface GraphInput {
  name: string;
  hash: string | null;
  kind: ArtifactKind;
  producer: string | null;
}

/** A run as the trace walks it: its summary, its inputs and its staleness warnings. */
export interface GraphRun {
  run: RunSummary;
  inputs: GraphInput[];
  stale: StaleWarning[];
}

/** A run in a trace tree; its children are its inputs. */
export interface RunTraceNode extends RunSummary {
  type: "run";
  stale: string[];
  children: ArtifactTraceNode[];
  /** Set when the depth limit, the node budget or a cycle stopped the walk here. */
  truncated?: "depth" | "size" | "cycle";
}

/** An artifact in a trace tree; its child is the run that wrote it, when known. */
export interface ArtifactTraceNode {
  type: "artifact";
  name: string;
  hash: string | null;
  kind: ArtifactKind;
  children: RunTraceNode[];
  truncated?: "depth" | "size" | "cycle";
}

/** A prediction at the root of a trace: its serving run and its model version artifact. */
export interface PredictionTraceNode {
  type: "prediction";
  model: string;
  id: string;
  version: string;
  timestamp: string;
  run_id: string | null;
  children: (RunTraceNode | ArtifactTraceNode)[];
}

export type TraceNode = PredictionTraceNode | RunTraceNode | ArtifactTraceNode;

/** Limits of one trace: run levels below the root and total nodes. */
export interface TraceLimits {
  maxDepth: number;
  maxNodes: number;
}

/**
 * Builds the backward trace of a run as a tree, as mltrace's `trace` walks dependencies: each run's inputs,
 * each input's producer, down to `maxDepth` run levels (the root run is level 1). A run reached along two
 * paths appears under both (a tree, not a graph); `maxNodes` bounds the size, a run that is its own
 * ancestor stops the walk. Runs missing from `graph` (beyond the fetched depth) are marked truncated.
 *
 * @example
 * const tree = buildRunTrace("infer-1", graph, { maxDepth: 10, maxNodes: 5000 });
 * tree.children[0].children[0].component; // "featuregen"
 */
export function buildRunTrace(
  runId: string,
  graph: ReadonlyMap<string, GraphRun>,
  limits: TraceLimits,
  budget = { nodes: 0 },
): RunTraceNode {
  return runNode(runId, graph, limits, 1, new Set(), budget);
}

function runNode(
  runId: string,
  graph: ReadonlyMap<string, GraphRun>,
  limits: TraceLimits,
  level: number,
  ancestors: Set<string>,
  budget: { nodes: number },
): RunTraceNode {
  const entry = graph.get(runId);
  budget.nodes++;
  if (!entry) {
    return {
      type: "run",
      id: runId,
      component: "",
      start_time: "",
      end_time: null,
      status: "running",
      stale: [],
      children: [],
      truncated: "depth",
    };
  }
  const node: RunTraceNode = {
    type: "run",
    ...entry.run,
    stale: entry.stale.map((w) => w.message),
    children: [],
  };
  ancestors.add(runId);
  for (const input of entry.inputs) {
    budget.nodes++;
    const artifact: ArtifactTraceNode = {
      type: "artifact",
      name: input.name,
      hash: input.hash,
      kind: input.kind,
      children: [],
    };
    node.children.push(artifact);
    if (input.producer === null) continue;
    if (ancestors.has(input.producer)) artifact.truncated = "cycle";
    else if (level >= limits.maxDepth) artifact.truncated = "depth";
    else if (budget.nodes >= limits.maxNodes) artifact.truncated = "size";
    else artifact.children.push(runNode(input.producer, graph, limits, level + 1, ancestors, budget));
  }
  ancestors.delete(runId);
  return node;
}

/**
 * Every stale warning in a tree, once each, in the order the tree lists them.
 *
 * @example
 * collectStale(tree); // ["clean (ID c1) was run 45 days ago."]
 */
export function collectStale(node: TraceNode, out = new Set<string>()): string[] {
  if (node.type === "run") for (const message of node.stale) out.add(message);
  for (const child of node.children) collectStale(child, out);
  return [...out];
}

/**
 * Counts the runs in a tree and the deepest run level, e.g. for a CLI summary.
 *
 * @example
 * treeSize(tree); // { runs: 5, depth: 5 }
 */
export function treeSize(node: TraceNode, level = 0): { runs: number; depth: number } {
  const here = node.type === "run" ? 1 : 0;
  let runs = here;
  let depth = level + here;
  for (const child of node.children) {
    const sub = treeSize(child, level + here);
    runs += sub.runs;
    depth = Math.max(depth, sub.depth);
  }
  return { runs, depth };
}
