import { uuidv7 } from "uuidv7";
import { SightlineError } from "../errors.js";
import type {
  FlagTarget,
  ImpactSeed,
  LineageStore,
  RunQuery,
  RunRow,
  StoredRun,
} from "../store/lineage-store.js";
import { modelVersionArtifact } from "./artifact.js";
import { fetchTraceGraph, type TraceOptions } from "./fetch-trace-graph.js";
import { mergeRun } from "./parse-run.js";
import { type ComponentRecord, type RunInput, type RunSummary, runSummary } from "./run-record.js";
import { type StaleWarning, staleThresholdMs, staleWarnings } from "./staleness.js";
import {
  type ArtifactTraceNode,
  buildRunTrace,
  collectStale,
  type PredictionTraceNode,
  type RunTraceNode,
  type TraceNode,
} from "./trace-tree.js";

/** A backward trace: the tree and every stale warning in it. */
export interface TraceResult {
  trace: TraceNode;
  stale: string[];
}

/** A run in full, as `GET /api/v1/runs/{id}` answers. */
export interface RunDetail extends RunSummary {
  error: string | null;
  inputs: { name: string; hash: string | null; kind: string; producer: string | null }[];
  outputs: { name: string; hash: string | null; kind: string }[];
  code_snapshot: string | null;
  code_hash: string | null;
  git_commit: string | null;
  params: Record<string, unknown> | null;
  metrics: Record<string, number> | null;
  notes: string | null;
  received_time: string;
  dependencies: string[];
  stale: StaleWarning[];
}

const toSummary = (r: RunRow): RunSummary => runSummary(r);
const iso = (ms: number) => new Date(ms).toISOString();
const defaultMaxNodes = 5000;

function flagLabel(target: FlagTarget): string {
  return "artifact" in target ? target.artifact : `${target.model}/${target.prediction}`;
}

/**
 * Lineage services over a {@link LineageStore}: recording runs and components, backward traces (of a run,
 * an artifact or a prediction), forward impact, history, flags, review and staleness. Graph logic is in the
 * pure functions it calls; "now" comes from the injected clock (receipt and flag times only).
 *
 * @example
 * const lineage = new LineageService(store.lineage, () => Date.now());
 * const { id, dependencies } = await lineage.recordRun(parseRunBody(body));
 */
export class LineageService {
  constructor(
    private readonly store: LineageStore,
    private readonly now: () => number,
  ) {}

  /** Stores a run (new, or an update of the same id) and answers its resolved dependencies and staleness. */
  async recordRun(input: RunInput): Promise<{ id: string; dependencies: string[]; stale: string[] }> {
    const id = input.id ?? uuidv7();
    const component: { description?: string | null; owner?: string | null; tags?: Record<string, string> } =
      {};
    if (input.componentDescription !== undefined) component.description = input.componentDescription;
    if (input.owner !== undefined) component.owner = input.owner;
    if (input.tags !== undefined) component.tags = input.tags;
    const run = await this.store.saveRun(
      id,
      (existing) => mergeRun(existing, input, id),
      component,
      this.now(),
    );
    const dependencies = [...new Set(run.inputs.flatMap((i) => (i.producer === null ? [] : [i.producer])))];
    const facts = await this.store.dependencyFacts([id]);
    const stale = staleWarnings(facts, staleThresholdMs(30)).map((w) => w.message);
    return { id, dependencies, stale };
  }

  recordComponent(component: ComponentRecord): Promise<void> {
    return this.store.upsertComponent(component, this.now());
  }

  /** One run in full, with its dependencies and staleness; throws SL_NOT_FOUND for an unknown id. */
  async getRun(id: string, staleDays: number): Promise<RunDetail> {
    const run = await this.requireRun(id);
    const facts = await this.store.dependencyFacts([id]);
    return {
      ...runSummary(run),
      error: run.error,
      inputs: run.inputs,
      outputs: run.outputs,
      code_snapshot: run.codeSnapshot,
      code_hash: run.codeHash,
      git_commit: run.gitCommit,
      params: run.params,
      metrics: run.metrics,
      notes: run.notes,
      received_time: iso(run.receivedMs),
      dependencies: [...new Set(run.inputs.flatMap((i) => (i.producer === null ? [] : [i.producer])))],
      stale: staleWarnings(facts, staleThresholdMs(staleDays)),
    };
  }

  async listRuns(query: RunQuery): Promise<RunSummary[]> {
    return (await this.store.listRuns(query)).map(toSummary);
  }

  /** Runs of one component, newest first; throws SL_NOT_FOUND for an unknown component. */
  async componentHistory(name: string, query: Omit<RunQuery, "component">) {
    const component = await this.store.getComponent(name);
    if (!component) throw new SightlineError("SL_NOT_FOUND", `no component ${name}`, { field: "name" });
    const runs = await this.listRuns({ ...query, component: name });
    return { component: name, runs };
  }

  async listComponents() {
    return (await this.store.listComponents()).map((c) => ({
      name: c.name,
      description: c.description,
      owner: c.owner,
      tags: c.tags,
      runs: c.runs,
      last_start_time: c.lastStartMs === null ? null : iso(c.lastStartMs),
      created_time: iso(c.createdMs),
    }));
  }

  /** Backward trace of a run. */
  async traceRun(id: string, options: TraceOptions): Promise<TraceResult> {
    await this.requireRun(id);
    const graph = await fetchTraceGraph(this.store, [id], options);
    return this.result(buildRunTrace(id, graph, this.limits(options)));
  }

  /** Backward trace of an artifact: its latest writer and that run's trace. */
  async traceArtifact(name: string, hash: string | null, options: TraceOptions): Promise<TraceResult> {
    const known = await this.store.findArtifact(name, hash);
    if (!known)
      throw new SightlineError("SL_NOT_FOUND", `no run read or wrote artifact ${name}`, {
        field: "artifact",
      });
    const writer = await this.store.latestWriter(name, hash, null);
    const node: ArtifactTraceNode = {
      type: "artifact",
      name,
      hash: hash ?? known.hash,
      kind: known.kind,
      children: [],
    };
    if (writer !== undefined) {
      const graph = await fetchTraceGraph(this.store, [writer], options);
      node.children.push(buildRunTrace(writer, graph, this.limits(options)));
    }
    return this.result(node);
  }

  /**
   * Backward trace of a prediction along both paths: its serving run (when the prediction carries a run id)
   * and its model version artifact `models:/<model>/<version>` with the run that trained it.
   */
  async tracePrediction(model: string, id: string, options: TraceOptions): Promise<TraceResult> {
    const p = await this.store.findPrediction(model, id);
    if (!p)
      throw new SightlineError("SL_NOT_FOUND", `no prediction ${id} for ${model}`, { field: "prediction" });
    const artifact = modelVersionArtifact(p.model, p.version);
    const trainer =
      (await this.store.latestWriter(artifact, null, p.tsMs)) ??
      (await this.store.latestWriter(artifact, null, null));
    const roots = [p.runId, trainer].filter((r): r is string => r !== null && r !== undefined);
    const graph = await fetchTraceGraph(this.store, roots, options);
    const limits = this.limits(options);
    const budget = { nodes: 0 };
    const children: (RunTraceNode | ArtifactTraceNode)[] = [];
    if (p.runId !== null && graph.has(p.runId)) children.push(buildRunTrace(p.runId, graph, limits, budget));
    const versionNode: ArtifactTraceNode = {
      type: "artifact",
      name: artifact,
      hash: null,
      kind: "model",
      children: [],
    };
    if (trainer !== undefined) versionNode.children.push(buildRunTrace(trainer, graph, limits, budget));
    children.push(versionNode);
    const root: PredictionTraceNode = {
      type: "prediction",
      model: p.model,
      id: p.id,
      version: p.version,
      timestamp: iso(p.tsMs),
      run_id: p.runId,
      children,
    };
    return this.result(root);
  }

  /** Everything downstream of a run or an artifact: runs, model versions, and predictions (counted, sampled). */
  async impact(seed: ImpactSeed, sampleSize: number) {
    if ("run" in seed) await this.requireRun(seed.run);
    else if (!(await this.store.findArtifact(seed.artifact, seed.hash))) {
      throw new SightlineError("SL_NOT_FOUND", `no run read or wrote artifact ${seed.artifact}`, {
        field: "artifact",
      });
    }
    const rows = await this.store.impact(seed, sampleSize, 10_000);
    return {
      seed: "run" in seed ? { run: seed.run } : { artifact: seed.artifact, hash: seed.hash },
      runs: { count: rows.runCount, items: rows.runs.map(toSummary) },
      model_versions: rows.modelVersions.map((v) => ({
        model: v.model,
        version: v.version,
        artifact: modelVersionArtifact(v.model, v.version),
        run_id: v.runId === "" ? null : v.runId,
      })),
      predictions: {
        count: rows.predictionCount,
        by_version: rows.predictionsByVersion,
        sample: rows.predictionSample.map((s) => ({
          model: s.model,
          id: s.id,
          version: s.version,
          timestamp: iso(s.tsMs),
        })),
      },
    };
  }

  /** Flags an output; throws SL_NOT_FOUND when no such artifact or prediction is known. */
  async flag(target: FlagTarget): Promise<{ flagged: string; created: boolean }> {
    await this.requireTarget(target);
    return { flagged: flagLabel(target), created: await this.store.setFlag(target, this.now()) };
  }

  async unflag(target: FlagTarget): Promise<{ unflagged: string; removed: boolean }> {
    return { unflagged: flagLabel(target), removed: await this.store.removeFlag(target) };
  }

  /**
   * Ranks runs by how many flagged outputs they feed, as mltrace's `review`: each flagged artifact counts for
   * its latest writer and every run upstream of it; a flagged prediction for its serving run and the run that
   * trained its version, and everything upstream of those.
   */
  async review(limit: number) {
    const flags = await this.store.listFlags();
    const seeds: { flag: string; runIds: string[] }[] = [];
    for (const f of flags) {
      const runIds: string[] = [];
      if ("artifact" in f.target) {
        const writer = await this.store.latestWriter(f.target.artifact, null, null);
        if (writer !== undefined) runIds.push(writer);
      } else {
        const p = await this.store.findPrediction(f.target.model, f.target.prediction);
        if (p) {
          if (p.runId !== null) runIds.push(p.runId);
          const trainer = await this.store.latestWriter(
            modelVersionArtifact(p.model, p.version),
            null,
            p.tsMs,
          );
          if (trainer !== undefined) runIds.push(trainer);
        }
      }
      seeds.push({ flag: flagLabel(f.target), runIds });
    }
    const ranked = await this.store.review(seeds, limit);
    return {
      flagged: flags.map((f) => ({ ...f.target, flagged_time: iso(f.flaggedMs) })),
      runs: ranked.map((r) => ({ ...toSummary(r), flagged_outputs: r.flagged })),
    };
  }

  /** The latest run of each component (or of one) that is stale, with its warnings. */
  async stale(staleDays: number, component?: string) {
    const latest = await this.store.latestRuns(component);
    const warnings = staleWarnings(
      await this.store.dependencyFacts(latest.map((r) => r.id)),
      staleThresholdMs(staleDays),
    );
    const runs = latest
      .map((r) => ({ ...toSummary(r), warnings: warnings.filter((w) => w.run_id === r.id) }))
      .filter((r) => r.warnings.length > 0);
    return { stale_days: staleDays, runs };
  }

  /**
   * Stale warnings behind each version of a model (or one version): every warning in the trace of the run
   * that trained it, down to `depth` run levels.
   */
  async staleModelVersions(model: string, version: string | undefined, staleDays: number) {
    const writers = (await this.store.modelVersionWriters(model)).filter(
      (w) => version === undefined || w.version === version,
    );
    const out: { version: string; runId: string; warnings: StaleWarning[] }[] = [];
    for (const w of writers) {
      const graph = await fetchTraceGraph(this.store, [w.runId], { depth: 20, staleDays });
      out.push({ ...w, warnings: [...graph.values()].flatMap((n) => n.stale) });
    }
    return out;
  }

  private async requireRun(id: string): Promise<StoredRun> {
    const run = await this.store.getRun(id);
    if (!run) throw new SightlineError("SL_NOT_FOUND", `no run ${id}`, { field: "run" });
    return run;
  }

  private async requireTarget(target: FlagTarget): Promise<void> {
    if ("artifact" in target) {
      if (!(await this.store.findArtifact(target.artifact, null))) {
        throw new SightlineError("SL_NOT_FOUND", `no run read or wrote artifact ${target.artifact}`, {
          field: "artifact",
        });
      }
    } else if (!(await this.store.findPrediction(target.model, target.prediction))) {
      throw new SightlineError("SL_NOT_FOUND", `no prediction ${target.prediction} for ${target.model}`, {
        field: "prediction",
      });
    }
  }

  private limits(options: TraceOptions) {
    return { maxDepth: options.depth, maxNodes: options.maxNodes ?? defaultMaxNodes };
  }

  private result(trace: TraceNode): TraceResult {
    return { trace, stale: collectStale(trace) };
  }
}
