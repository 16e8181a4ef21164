import type { Contract } from "../contract/contract.js";
import type { ColumnSummary } from "../contract/learn-contract.js";
import type { LabelRow, PredictionRow } from "../ingest/prediction-row.js";
import type { AlertStore } from "./alert-store.js";
import type { LineageStore } from "./lineage-store.js";
import type { PerformanceStore } from "./performance-store.js";
import type { RegistryStore } from "./registry-store.js";
import type { SegmentStore } from "./segment-store.js";
import type { SpanStore } from "./span-store.js";
import type { WindowStore } from "./window-store.js";

/** A reference file handed to the store to import: the engine parses it where the data will live. */
export interface ReferenceFile {
  path: string;
  format: "csv" | "parquet" | "ndjson";
}

/** One prediction as read back, joined with its label when that has arrived. */
export interface StoredPrediction {
  id: string;
  model: string;
  version: string;
  timestamp: string;
  features: Record<string, unknown>;
  prediction: unknown;
  scores: Record<string, number> | null;
  latency_ms: number | null;
  error: string | null;
  trace_id: string | null;
  /** The lineage run that served the prediction. */
  run_id: string | null;
  tags: Record<string, string> | null;
  violations: unknown[];
  label: unknown;
  label_timestamp: string | null;
}

/** Per-model totals for listings. */
export interface ModelSummary {
  model: string;
  predictions: number;
  labels: number;
  versions: string[];
  first_timestamp: string | null;
  last_timestamp: string | null;
}

/** Counts of contract violations by version, field and kind, aggregated in the store. */
export interface ViolationCount {
  version: string;
  field: string;
  kind: string;
  count: number;
}

/**
 * The only part of Sightline that speaks SQL. One interface, one adapter per engine (DuckDB embedded;
 * ClickHouse next); ingest, the engine and the API depend on this interface only.
 */
export interface Store {
  readonly engine: string;
  /** Registered models, versions, aliases and their audit trail. */
  readonly registry: RegistryStore;
  readonly lineage: LineageStore;
  /** OpenTelemetry spans received at `POST /v1/traces`. */
  readonly spans: SpanStore;
  /** Alerts and their history, silences, API-defined monitors, the monitor scheduler's progress. */
  readonly alerts: AlertStore;
  /** Performance aggregates per window (confusion counts, score bins, regression sums, label lag). */
  readonly performance: PerformanceStore;
  /** Per-window aggregates for drift, outputs, data quality and operations (counts, histograms, quantiles). */
  readonly windows: WindowStore;
  /** Segment tags of predictions and their most frequent values. */
  readonly segments: SegmentStore;
  /**
   * Inserts predictions; ids already stored for the model are ignored (idempotent re-sends). Durable on
   * return. Resolves to the `predictionKey` (model and id) of each row that was new.
   */
  insertPredictions(rows: readonly PredictionRow[]): Promise<Set<string>>;
  /** Inserts or replaces labels by (model, id); the latest label wins. Durable on return. */
  upsertLabels(rows: readonly LabelRow[]): Promise<void>;
  /** Imports a version's reference data (replacing any earlier one) and summarises its columns. */
  importReference(model: string, version: string, file: ReferenceFile): Promise<ColumnSummary[]>;
  saveContract(contract: Contract): Promise<void>;
  getContract(model: string, version: string): Promise<Contract | undefined>;
  listContracts(): Promise<Contract[]>;
  getPrediction(model: string, id: string): Promise<StoredPrediction | undefined>;
  listModels(): Promise<ModelSummary[]>;
  countViolations(model: string): Promise<ViolationCount[]>;
  /** Throws when the store cannot take a write (readiness). */
  checkWritable(): Promise<void>;
  close(): Promise<void>;
}
