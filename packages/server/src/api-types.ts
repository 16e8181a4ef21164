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
export type { SegmentsAnswer } from "./http/routes/segments.js";
export type { SegmentTag, SegmentValue } from "./store/segment-store.js";
