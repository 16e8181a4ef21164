import type { LineageStore } from "../store/lineage-store.js";
import { type DependencyFact, type StaleWarning, staleThresholdMs, staleWarnings } from "./staleness.js";
import type { GraphRun } from "./trace-tree.js";

/** Limits of a trace: run levels, staleness threshold in days and the most nodes in the tree. */
export interface TraceOptions {
  depth: number;
  staleDays: number;
  maxNodes?: number;
}

const defaultMaxNodes = 5000;

/**
 * The runs a backward trace needs, fetched breadth-first from `roots`: one level of runs per round trip (two
 * indexed lookups), whatever the history size, down to `depth` levels or `maxNodes` runs; then the staleness
 * of every edge at once, from the fetched runs and one count of fresher runs.
 *
 * @example
 * const graph = await fetchTraceGraph(store.lineage, ["infer-1"], { depth: 20, staleDays: 30 });
 * buildRunTrace("infer-1", graph, { maxDepth: 20, maxNodes: 5000 });
 */
export async function fetchTraceGraph(
  store: LineageStore,
  roots: readonly string[],
  options: TraceOptions,
): Promise<Map<string, GraphRun>> {
  const fetched = new Map<string, Omit<GraphRun, "stale">>();
  const maxRuns = options.maxNodes ?? defaultMaxNodes;
  let frontier = [...new Set(roots)];
  for (let level = 1; level <= options.depth && frontier.length > 0 && fetched.size < maxRuns; level++) {
    const nodes = await store.getRunGraph(frontier);
    const next = new Set<string>();
    for (const [id, node] of nodes) {
      fetched.set(id, node);
      for (const input of node.inputs) {
        if (input.producer !== null && !fetched.has(input.producer)) next.add(input.producer);
      }
    }
    frontier = [...next].filter((id) => !fetched.has(id)).slice(0, maxRuns - fetched.size);
  }
  // Producers beyond the depth limit are read only for the staleness of the runs that depend on them.
  const missing = [...fetched.values()].flatMap((n) =>
    n.inputs.flatMap((i) => (i.producer !== null && !fetched.has(i.producer) ? [i.producer] : [])),
  );
  const beyond = missing.length > 0 ? await store.getRunGraph([...new Set(missing)]) : new Map();
  const facts: Omit<DependencyFact, "fresherRuns">[] = [];
  for (const [id, node] of fetched) {
    const seen = new Set<string>();
    for (const input of node.inputs) {
      if (input.producer === null || seen.has(input.producer)) continue;
      seen.add(input.producer);
      const dependency = (fetched.get(input.producer) ?? beyond.get(input.producer))?.run;
      if (!dependency) continue;
      facts.push({
        runId: id,
        runStartMs: Date.parse(node.run.start_time),
        dependencyId: dependency.id,
        dependencyComponent: dependency.component,
        dependencyStartMs: Date.parse(dependency.start_time),
      });
    }
  }
  const fresher = await store.fresherRuns(
    facts.map((f) => ({
      component: f.dependencyComponent,
      afterMs: f.dependencyStartMs,
      beforeMs: f.runStartMs,
    })),
  );
  const warnings = staleWarnings(
    facts.map((f, i) => ({ ...f, fresherRuns: fresher[i] ?? 0 })),
    staleThresholdMs(options.staleDays),
  );
  const byRun = new Map<string, StaleWarning[]>();
  for (const w of warnings) byRun.set(w.run_id, [...(byRun.get(w.run_id) ?? []), w]);
  const graph = new Map<string, GraphRun>();
  for (const [id, node] of fetched) graph.set(id, { ...node, stale: byRun.get(id) ?? [] });
  return graph;
}
