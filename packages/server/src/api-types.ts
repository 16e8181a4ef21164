/**
 * The HTTP API's answer types, for clients such as the web UI: type-only (`import type` from
 * `sightline/api-types`), so importing them pulls in no Node module, DuckDB or server code.
 *
 * @example
 * import type { DriftMatrixAnswer } from "sightline/api-types";
 * const matrix = (await (await fetch("/api/v1/models/m/drift/matrix")).json()) as DriftMatrixAnswer;
 */
export type { DriftAnswer, DriftWindow } from "./engine/drift/drift-service.js";
export type { ColumnDriftResult } from "./engine/drift/histogram-drift.js";
export type { MultivariateDrift } from "./engine/drift/multivariate-drift.js";
export type {
  DriftMatrixAnswer,
  DriftMatrixMultivariate,
  DriftMatrixWindow,
} from "./http/drift-matrix-view.js";
export type { AlertJson, SilenceJson } from "./http/routes/alert-json.js";
export type { SegmentsAnswer } from "./http/routes/segments.js";
export type { RunDetail, TraceResult } from "./lineage/lineage-service.js";
export type { RunStatus, RunSummary } from "./lineage/run-record.js";
export type { StaleWarning } from "./lineage/staleness.js";
export type {
  ArtifactTraceNode,
  PredictionTraceNode,
  RunTraceNode,
  TraceNode,
} from "./lineage/trace-tree.js";
export type { VersionComparison, VersionSide } from "./registry/compare-versions.js";
export type { AliasMove } from "./registry/registry-service.js";
export type { AuditEntry, ModelVersion } from "./store/registry-store.js";
export type { SegmentTag, SegmentValue } from "./store/segment-store.js";
export type { ModelSummary, ViolationCount } from "./store/store.js";
