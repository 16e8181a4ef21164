import type { ArtifactKind, ArtifactRef } from "../lineage/artifact.js";
import type { ComponentRecord, RunRecord, RunStatus } from "../lineage/run-record.js";
import type { DependencyFact } from "../lineage/staleness.js";
import type { GraphRun } from "../lineage/trace-tree.js";

/** An input of a stored run with the run it resolved to. */
export interface ResolvedInput extends ArtifactRef {
  producer: string | null;
}

/** A run as stored, with its inputs resolved to the runs that wrote them. */
export interface StoredRun extends Omit<RunRecord, "inputs"> {
  inputs: ResolvedInput[];
  receivedMs: number;
}

/** A component with counts for listings. */
export interface ComponentSummary extends ComponentRecord {
  runs: number;
  lastStartMs: number | null;
  createdMs: number;
}

/** Filters of a run listing; times are a half-open `[fromMs, toMs)` on the start time. */
export interface RunQuery {
  component?: string;
  status?: RunStatus;
  fromMs?: number;
  toMs?: number;
  limit: number;
}

/** A run's essentials for listings (newest first). */
export interface RunRow {
  id: string;
  component: string;
  startMs: number;
  endMs: number | null;
  status: RunStatus;
}

/** What the lineage knows about one logged prediction. */
export interface PredictionLink {
  model: string;
  id: string;
  version: string;
  tsMs: number;
  /** The serving run that produced it, when predictions carry a run id. */
  runId: string | null;
}

/** Where a forward impact starts: a run, or the runs that read an artifact. */
export type ImpactSeed = { run: string } | { artifact: string; hash: string | null };

/** Everything downstream of a seed: runs, model versions and predictions (counted, and a sample). */
export interface ImpactRows {
  runs: RunRow[];
  runCount: number;
  modelVersions: { model: string; version: string; runId: string }[];
  predictionCount: number;
  predictionsByVersion: { model: string; version: string; count: number }[];
  predictionSample: { model: string; id: string; version: string; tsMs: number }[];
}

/** A flagged output: an artifact, or one prediction. */
export type FlagTarget = { artifact: string } | { model: string; prediction: string };

export interface FlagRow {
  target: FlagTarget;
  flaggedMs: number;
}

/** A run's rank in a review: how many flagged outputs it feeds. */
export interface ReviewRow extends RunRow {
  flagged: number;
}

/**
 * Lineage storage: components, runs, the artifacts they read and wrote, the dependencies resolved between
 * runs at insert time, and flags. Plain types in and out; the adapters hold the SQL.
 */
export interface LineageStore {
  /** Creates a component or replaces its description, owner and tags. */
  upsertComponent(component: ComponentRecord, nowMs: number): Promise<void>;
  /**
   * Stores a run in one transaction: `merge` turns the stored run (if any) into the run to keep; its inputs
   * are resolved to the latest run that wrote them before it started; the component is created if new and
   * its given description/owner/tags set. Resolves to the stored run.
   */
  saveRun(
    id: string,
    merge: (existing: RunRecord | undefined) => RunRecord,
    component: { description?: string | null; owner?: string | null; tags?: Record<string, string> },
    nowMs: number,
  ): Promise<StoredRun>;
  getRun(id: string): Promise<StoredRun | undefined>;
  /** Graph nodes of runs (summaries and resolved inputs, no staleness) by id; unknown ids are left out. */
  getRunGraph(ids: readonly string[]): Promise<Map<string, Omit<GraphRun, "stale">>>;
  /** Staleness facts of every dependency of the given runs. */
  dependencyFacts(runIds: readonly string[]): Promise<DependencyFact[]>;
  /**
   * For each window, how many runs of the component started strictly inside `(afterMs, beforeMs)`: the
   * fresher runs of a dependency that began before its consumer started.
   */
  fresherRuns(
    windows: readonly { component: string; afterMs: number; beforeMs: number }[],
  ): Promise<number[]>;
  /** The latest run (by end, else start) that wrote the artifact, optionally available at or before `atMs`. */
  latestWriter(artifact: string, hash: string | null, atMs: number | null): Promise<string | undefined>;
  /** How an artifact was last declared (kind and hash), or undefined when no run mentions it. */
  findArtifact(
    name: string,
    hash: string | null,
  ): Promise<{ kind: ArtifactKind; hash: string | null } | undefined>;
  /** The latest run that wrote each version artifact `models:/<model>/<version>` of a model. */
  modelVersionWriters(model: string): Promise<{ version: string; runId: string }[]>;
  listRuns(query: RunQuery): Promise<RunRow[]>;
  /** The latest run of each component (or of one). */
  latestRuns(component?: string): Promise<RunRow[]>;
  listComponents(): Promise<ComponentSummary[]>;
  getComponent(name: string): Promise<ComponentSummary | undefined>;
  findPrediction(model: string, id: string): Promise<PredictionLink | undefined>;
  /** True when predictions carry the id of their serving run. */
  predictionsHaveRunIds(): Promise<boolean>;
  impact(seed: ImpactSeed, sampleSize: number, maxRuns: number): Promise<ImpactRows>;
  /** Flags an output; false when it was already flagged. */
  setFlag(target: FlagTarget, nowMs: number): Promise<boolean>;
  /** Removes a flag; false when there was none. */
  removeFlag(target: FlagTarget): Promise<boolean>;
  listFlags(): Promise<FlagRow[]>;
  /** Ranks runs by how many of the seeded flagged outputs they feed (directly or upstream). */
  review(seeds: readonly { flag: string; runIds: readonly string[] }[], limit: number): Promise<ReviewRow[]>;
}
