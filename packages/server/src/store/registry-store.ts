import type { Window } from "../engine/window.js";

/** A registered model: who owns it, what it is for, and which alias production traffic should use. */
export interface RegisteredModel {
  model: string;
  description: string | null;
  owner: string | null;
  tags: Record<string, string>;
  /** The alias whose version should serve traffic (default `production`); serving checks compare with it. */
  serving_alias: string;
  /** Alias name → version. */
  aliases: Record<string, string>;
  created_timestamp: string;
  updated_timestamp: string;
}

/** Fields of a model to set; absent fields keep their stored value (or the default for a new model). */
export interface ModelUpdate {
  model: string;
  description?: string | null;
  owner?: string | null;
  tags?: Record<string, string>;
  serving_alias?: string;
}

/** A new version to register. `run_id` names the lineage run that trained it. */
export interface VersionRegistration {
  model: string;
  version: string;
  /** The model artifact; by convention `models:/<model>/<version>` when none is given. */
  artifact_uri: string;
  run_id: string | null;
  metrics: Record<string, number>;
  tags: Record<string, string>;
  description: string | null;
}

/**
 * One version of a model as the registry sees it: registered, or only seen in predictions or a reference
 * upload (`registered: false`, registry fields null or empty).
 */
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
  /** Start of the training run when lineage knows it, else the registration time; null when unregistered. */
  trained_timestamp: string | null;
  /** True when a reference (and so a contract) was uploaded for this version. */
  has_contract: boolean;
  aliases: string[];
  predictions: number;
  first_timestamp: string | null;
  last_timestamp: string | null;
}

/** What changed in the registry. */
export type AuditAction = "register_model" | "update_model" | "register_version" | "promote" | "rollback";

/** One audit trail entry: who changed what and when. */
export interface AuditEntry {
  id: string;
  model: string;
  timestamp: string;
  /** The API key name, or `local` when the server runs without keys. */
  actor: string;
  action: AuditAction;
  alias: string | null;
  version: string | null;
  /** The version the alias held before a promote or rollback; null when it was unset. */
  previous_version: string | null;
  details: Record<string, unknown>;
}

/** A move of an alias to a version (promote, or rollback to an earlier holder). */
export interface AliasChange {
  model: string;
  alias: string;
  version: string;
  action: "promote" | "rollback";
  actor: string;
  nowMs: number;
}

/** Predictions served by one version in a window, counted in the store. */
export interface VersionTraffic {
  version: string;
  predictions: number;
  errors: number;
  first_ms: number;
  last_ms: number;
}

/** Volume, error and latency aggregates of one version in a window. */
export interface VersionOperations {
  predictions: number;
  errors: number;
  /** Rows with a latency. */
  latency_count: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
}

/** Output histograms of two versions over shared bins (numeric) or shared classes (categorical). */
export type OutputHistograms =
  | {
      kind: "numeric";
      /** `score` (the headline probability) when both versions log scores, else the numeric prediction. */
      source: "score" | "prediction";
      cuts: number[];
      range: [number, number];
      baseline: number[];
      candidate: number[];
    }
  | { kind: "categorical"; classes: string[]; baseline: number[]; candidate: number[] }
  | { kind: "none" };

/** Labelled rows of one version summed in a block (rows are spread over blocks by a hash of their id). */
export interface PerformanceBlock {
  rows: number;
  correct: number;
  abs_error: number;
  squared_error: number;
}

/** The task performance is measured for: accuracy for classification, MAE and RMSE for regression. */
export type PerformanceTask = "classification" | "regression";

/** Everything a canary/shadow comparison needs, aggregated in the store over one window. */
export interface ComparisonAggregates {
  baseline: VersionOperations;
  candidate: VersionOperations;
  outputs: OutputHistograms;
  task: PerformanceTask;
  baselineBlocks: PerformanceBlock[];
  candidateBlocks: PerformanceBlock[];
}

/** Options of {@link RegistryStore.compareAggregates}. */
export interface ComparisonQuery {
  model: string;
  baseline: string;
  candidate: string;
  window: Window;
  /** Forced task; inferred from the labelled rows when absent. */
  task?: PerformanceTask;
  /** Quantile bins for numeric outputs. */
  bins: number;
  /** Blocks labelled rows are summed into for the bootstrap. */
  blocks: number;
}

/**
 * The model registry's storage: registered models and versions, aliases and their audit trail, and the
 * aggregates serving checks and version comparisons need. No SQL outside the adapter.
 *
 * @example
 * await store.registry.registerVersion({ model: "m", version: "v1", artifact_uri: "models:/m/v1",
 *   run_id: null, metrics: {}, tags: {}, description: null }, "local", Date.now());
 * await store.registry.setAlias({ model: "m", alias: "production", version: "v1", action: "promote",
 *   actor: "local", nowMs: Date.now() });
 */
export interface RegistryStore {
  /** Creates or updates a model; audited as `register_model` or `update_model`. */
  upsertModel(update: ModelUpdate, actor: string, nowMs: number): Promise<RegisteredModel>;
  getModel(model: string): Promise<RegisteredModel | undefined>;
  listModels(): Promise<RegisteredModel[]>;
  /** Registers a version (creating the model if needed); SL_CONFLICT when it is already registered. */
  registerVersion(registration: VersionRegistration, actor: string, nowMs: number): Promise<ModelVersion>;
  /** A registered version, or one only seen in predictions or contracts; undefined when unknown. */
  getVersion(model: string, version: string): Promise<ModelVersion | undefined>;
  /** Registered versions and versions seen in predictions or contracts, oldest first. */
  listVersions(model: string): Promise<ModelVersion[]>;
  /**
   * Points an alias at a registered version and audits the change, in one transaction. SL_NOT_FOUND when
   * the version is not registered. Resolves to the version the alias held before (null when unset).
   */
  setAlias(change: AliasChange): Promise<string | null>;
  /** Promote and rollback entries of one alias, oldest first. */
  aliasHistory(model: string, alias: string): Promise<AuditEntry[]>;
  /** A model's audit trail, newest first. */
  listAudit(model: string, limit: number): Promise<AuditEntry[]>;
  /** Predictions per version of a model in a window (SQL count by version). */
  servingTraffic(model: string, window: Window): Promise<VersionTraffic[]>;
  /** Volume, latency, output and labelled-row aggregates of two versions over one window. */
  compareAggregates(query: ComparisonQuery): Promise<ComparisonAggregates>;
}
