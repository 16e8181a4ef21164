import type { RunSummary } from "sightline/api-types";

// The server's answer types (`sightline/api-types`, type-only) under the names the UI uses; the answers
// declared below are those the server does not type yet.
export type {
  AliasMove,
  ArtifactTraceNode,
  AuditEntry,
  ModelSummary,
  ModelVersion,
  PredictionTraceNode,
  RunDetail,
  RunStatus,
  RunSummary,
  RunTraceNode,
  StaleWarning,
  TraceNode,
  TraceResult,
  VersionComparison,
  ViolationCount,
} from "sightline/api-types";

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

/** An output that can be flagged, as `POST` and `DELETE /api/v1/lineage/flags` take it. */
export type FlagTarget = { artifact: string } | { model: string; prediction: string };

/** Flagged outputs and the runs ranked by how many of them they feed (`GET /api/v1/lineage/review`). */
export interface ReviewResult {
  flagged: (FlagTarget & { flagged_time: string })[];
  runs: (RunSummary & { flagged_outputs: number })[];
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
