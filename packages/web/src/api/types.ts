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

/** Data quality per window (`GET /api/v1/models/{m}/quality`). */
export interface QualityAnswer {
  version: string;
  windows: {
    from: string;
    to: string;
    rows: number;
    rows_with_violations: number;
    violations: { field: string; kind: string; count: number }[];
    columns: { column: string; missing_rate: number; reference_missing_rate: number }[];
  }[];
}

/** Outputs and operations of one window (`GET /api/v1/models/{m}/outputs`). */
export interface OutputsWindow {
  from: string;
  to: string;
  rows: number;
  errors: number;
  error_rate: number;
  latency_ms: { count: number; p50: number; p90: number; p99: number } | null;
  score: {
    count: number;
    quantiles: { p10: number; p25: number; p50: number; p75: number; p90: number } | null;
    histogram: { edges: number[]; counts: number[] };
  };
  classes: Record<string, number>;
}

/** Per-window realised metrics by name (binary, multiclass or regression); null where undefined. */
export type MetricValues = Record<string, unknown>;

/** One window of `GET /api/v1/models/{m}/performance`. */
export interface PerformanceWindow {
  from: string;
  to: string;
  rows: number;
  labelled: number;
  label_coverage: number | null;
  metrics: MetricValues | null;
  cumulative: { rows: number; labelled: number; label_coverage: number | null; metrics: MetricValues | null };
  estimated: {
    rows: number;
    metrics: Record<string, number | null>;
    expected_error: Record<string, number | null>;
  } | null;
}

/** `GET /api/v1/models/{m}/performance`. */
export interface PerformanceAnswer {
  task: "binary" | "multiclass" | "regression" | null;
  windows: PerformanceWindow[];
}

/** An alert as the alert endpoints answer it. */
export interface AlertJson {
  id: string;
  state: "pending" | "firing" | "resolved";
  monitor: string;
  model: string;
  kind: string;
  subject: string;
  version: string | null;
  segment: string | null;
  severity: "critical" | "warning" | "info";
  starts_at: string;
  fired_at: string | null;
  resolved_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  evidence: {
    metric: string;
    value: number | null;
    threshold: number | null;
    rule: Record<string, unknown>;
    window: { from: string; to: string };
    rows: number;
    link: string;
  };
}

/** A silence in force (`GET /api/v1/silences`). */
export interface SilenceJson {
  id: string;
  matchers: Record<string, string>;
  starts_at: string;
  until: string;
  created_by: string;
  comment: string;
}

/** Retraining advice of the last closed window (`GET /api/v1/models/{m}/advice`). */
export interface AdviceAnswer {
  model: string;
  window: { from: string; to: string };
  verdict: "retrain" | "watch" | "ok" | "insufficient_data";
  reasons: {
    code: string;
    verdict: string;
    message: string;
    value: number | null;
    threshold: number | null;
  }[];
  drift_share: number | null;
  label_coverage: number | null;
}

/** One column of a version's contract (`GET /api/v1/models/{m}/versions/{v}/contract`). */
export interface ContractColumn {
  name: string;
  type: "numeric" | "categorical" | "boolean";
  min: number | null;
  max: number | null;
  categories: string[] | null;
  missingRate: number;
  quantiles: number[] | null;
}

/** A version's contract. */
export interface ContractAnswer {
  contract: { rows: number; features: ContractColumn[]; prediction: ContractColumn | null };
}

/** `GET /models/{m}/drift/distribution`: a column's reference and window counts over its drift test's bins. */
export type DriftDistribution = {
  column: string;
  from: string;
  to: string;
  rows: number;
  reference_rows: number;
} & (
  | { kind: "numeric"; edges: number[]; reference: number[]; current: number[] }
  | { kind: "categorical"; categories: string[]; reference: number[]; current: number[] }
);
