export { type ApiKey, generateKey, hashKey, type Role, roles } from "./auth/api-keys.js";
export { buildCli, main } from "./cli/main.js";
export { resolveServerConfig, type ServerConfig, type ServerFlags } from "./config.js";
export type { ColumnContract, ColumnType, Contract, Violation, ViolationKind } from "./contract/contract.js";
export { violationKinds } from "./contract/contract.js";
export {
  type Advice,
  type AdviceReason,
  adviseRetraining,
  type Verdict,
} from "./engine/advice/retraining-advice.js";
export type { Alert, AlertEvent, AlertState, Silence } from "./engine/alerts/alert.js";
export { evaluateMonitors, type MonitorCheck } from "./engine/alerts/evaluate-monitors.js";
export {
  driftCheckProvider,
  operationalCheckProvider,
  qualityCheckProvider,
} from "./engine/check-providers.js";
export {
  type DriftAnswer,
  type DriftOptions,
  DriftService,
  type DriftWindow,
} from "./engine/drift/drift-service.js";
export type { ColumnDriftResult } from "./engine/drift/histogram-drift.js";
export type { MultivariateDrift } from "./engine/drift/multivariate-drift.js";
export type { Monitor, MonitorKind, MonitorThreshold, NotifierConfig } from "./engine/monitors/monitor.js";
export { MonitorService } from "./engine/monitors/monitor-service.js";
export { type MonitorsFile, parseMonitorsFile } from "./engine/monitors/parse-monitors-file.js";
export { type OutputsAnswer, OutputsService, type OutputsWindow } from "./engine/outputs/outputs-service.js";
export { type StuckOutput, stuckOutput } from "./engine/outputs/stuck-output.js";
export {
  type PerformanceCheckOptions,
  performanceCheckProvider,
  performanceChecks,
} from "./engine/performance/performance-check-provider.js";
export type { PerformanceReport, PerformanceWindowJson } from "./engine/performance/performance-report.js";
export { type PerformanceQuery, PerformanceService } from "./engine/performance/performance-service.js";
export { type QualityAnswer, QualityService } from "./engine/quality/quality-service.js";
export type { ColumnQuality, WindowQuality } from "./engine/quality/window-quality.js";
export { buildWindowEngine, type WindowEngine } from "./engine/window-engine.js";
export { type WindowQueryParams, windowScope } from "./engine/window-query.js";
export { type ErrorCode, errorCodes, SightlineError } from "./errors.js";
export {
  type ArtifactKind,
  type ArtifactRef,
  artifactKinds,
  inferArtifactKind,
  modelVersionArtifact,
  parseModelVersionArtifact,
} from "./lineage/artifact.js";
export type { TraceOptions } from "./lineage/fetch-trace-graph.js";
export { lineageCheckProvider } from "./lineage/lineage-check-provider.js";
export { LineageService, type RunDetail, type TraceResult } from "./lineage/lineage-service.js";
export { parseComponentBody, parseRunBody } from "./lineage/parse-run.js";
export type { ComponentRecord, RunRecord, RunStatus, RunSummary } from "./lineage/run-record.js";
export { defaultStaleDays, type StaleWarning, staleWarnings } from "./lineage/staleness.js";
export type {
  ArtifactTraceNode,
  PredictionTraceNode,
  RunTraceNode,
  TraceNode,
} from "./lineage/trace-tree.js";
export type { SpanNode, TraceView } from "./otlp/span-tree.js";
export { checkTraceId, type ExportTraceResponse, TraceService } from "./otlp/trace-service.js";
export { checkAliasName } from "./registry/alias-name.js";
export {
  type ComparisonOptions,
  type ComparisonVerdict,
  compareVersions,
  DEFAULT_COMPARISON_OPTIONS,
  type VersionComparison,
} from "./registry/compare-versions.js";
export { type ModelDetail, type ModelListing, RegistryService } from "./registry/registry-service.js";
export { servingCheckProvider } from "./registry/serving-check-provider.js";
export { DEFAULT_MAX_TRAINING_AGE_MS, type ServingInput, servingChecks } from "./registry/serving-checks.js";
export { type RunningServer, startServer } from "./server.js";
export type { LineageStore } from "./store/lineage-store.js";
export type { ModelSummary, ReferenceFile, Store, StoredPrediction } from "./store/store.js";
export type { WindowScope, WindowStore } from "./store/window-store.js";
