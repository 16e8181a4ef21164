/** One model as `GET /api/v1/models` lists it. */
export interface ModelSummary {
  model: string;
  predictions: number;
  labels: number;
  versions: string[];
  first_timestamp: string | null;
  last_timestamp: string | null;
}

/** Contract violations by version, field and kind (`GET /api/v1/models/{m}/violations`). */
export interface ViolationCount {
  version: string;
  field: string;
  kind: string;
  count: number;
}

/** The state of a lineage run. */
export type RunStatus = "running" | "success" | "failed";

/** A run as listings and trace nodes show it (`GET /api/v1/runs`, `…/components/{name}/runs`). */
export interface RunSummary {
  id: string;
  component: string;
  start_time: string;
  end_time: string | null;
  status: RunStatus;
}

/** Why a trace stopped at a node: the depth limit, the node budget, or a run that is its own ancestor. */
export type TraceTruncation = "depth" | "size" | "cycle";

/** A run in a backward trace; its children are its inputs. */
export interface RunTraceNode extends RunSummary {
  type: "run";
  stale: string[];
  children: ArtifactTraceNode[];
  truncated?: TraceTruncation;
}

/** An artifact in a backward trace; its child is the run that wrote it, when known. */
export interface ArtifactTraceNode {
  type: "artifact";
  name: string;
  hash: string | null;
  kind: string;
  children: RunTraceNode[];
  truncated?: TraceTruncation;
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

/** `GET /api/v1/lineage/trace`: the tree and every stale warning in it. */
export interface TraceResult {
  trace: TraceNode;
  stale: string[];
}

/** One staleness warning of a run (`GET /api/v1/runs/{id}`, `GET /api/v1/lineage/stale`). */
export interface StaleWarning {
  run_id: string;
  dependency_id: string;
  component: string;
  reason: "old_dependency" | "fresher_runs";
  message: string;
  days?: number;
  fresher_runs?: number;
}

/** A run in full (`GET /api/v1/runs/{id}`). */
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

/** Everything downstream of a run or an artifact (`GET /api/v1/lineage/impact`). */
export interface ImpactResult {
  seed: { run: string } | { artifact: string; hash: string | null };
  runs: { count: number; items: RunSummary[] };
  model_versions: { model: string; version: string; artifact: string; run_id: string | null }[];
  predictions: {
    count: number;
    by_version: { model: string; version: string; count: number }[];
    sample: { model: string; id: string; version: string; timestamp: string }[];
  };
}

/** Flagged outputs and the runs ranked by how many of them they feed (`GET /api/v1/lineage/review`). */
export interface ReviewResult {
  flagged: (({ artifact: string } | { model: string; prediction: string }) & { flagged_time: string })[];
  runs: (RunSummary & { flagged_outputs: number })[];
}

/** One registered (or only seen) version of a model (`GET /api/v1/models/{m}/versions`). */
export interface ModelVersion {
  model: string;
  version: string;
  registered: boolean;
  artifact_uri: string | null;
  run_id: string | null;
  metrics: Record<string, number>;
  tags: Record<string, string>;
  description: string | null;
  created_timestamp: string | null;
  created_by: string | null;
  trained_timestamp: string | null;
  has_contract: boolean;
  aliases: string[];
  predictions: number;
  first_timestamp: string | null;
  last_timestamp: string | null;
}

/** A model's registry listing (`GET /api/v1/models/{m}`). */
export interface ModelListing {
  model: string;
  registered: boolean;
  description: string | null;
  owner: string | null;
  serving_alias: string;
  aliases: Record<string, string>;
}

/** One entry of a model's audit trail, newest first (`GET /api/v1/models/{m}/audit`). */
export interface AuditEntry {
  id: string;
  timestamp: string;
  actor: string;
  action: "register_model" | "update_model" | "register_version" | "promote" | "rollback";
  alias: string | null;
  version: string | null;
  previous_version: string | null;
  details: Record<string, unknown>;
}

/** An alias move answered by promote and rollback. */
export interface AliasMove {
  model: string;
  alias: string;
  version: string;
  previous_version: string | null;
}

/** One serving check (`GET /api/v1/models/{m}/serving`). */
export interface ServingCheck {
  version: string | null;
  kind: string;
  subject: string;
  metric: string;
  value: number | null;
  threshold: number | null;
  breached: boolean;
  rows: number;
  evidence: Record<string, unknown>;
}

/** One version's side of a comparison. */
export interface ComparisonSide {
  version: string;
  predictions: number;
  errors: number;
  error_rate: number | null;
  latency_count: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
}

/** A canary/shadow comparison of two versions (`GET /api/v1/models/{m}/compare`). */
export interface VersionComparison {
  model: string;
  window: { from: string; to: string };
  baseline: ComparisonSide;
  candidate: ComparisonSide;
  outputs: {
    kind: string;
    source: string;
    test: string;
    statistic: number;
    p_value: number;
    distance_method: string;
    distance: number;
    bins: number;
    baseline_rows: number;
    candidate_rows: number;
    significant: boolean;
  } | null;
  performance: {
    task: string;
    metric: string;
    higher_is_better: boolean;
    baseline: { rows: number; value: number };
    candidate: { rows: number; value: number };
    difference: number;
    ci: [number, number];
    confidence: number;
    iterations: number;
    seed: number;
  } | null;
  error_rate: { difference: number; p_value: number; significant: boolean } | null;
  latency: { p50_difference_ms: number | null; p95_difference_ms: number | null; p95_ratio: number | null };
  verdict: "candidate_better" | "no_significant_difference" | "candidate_worse" | "insufficient_data";
  reasons: string[];
}

/** A pipeline step with its run count (`GET /api/v1/components`). */
export interface ComponentSummary {
  name: string;
  description: string | null;
  owner: string | null;
  tags: Record<string, string>;
  runs: number;
  last_start_time: string | null;
  created_time: string;
}
