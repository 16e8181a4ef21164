export { Component, type ComponentOptions, type RunOptions } from "./component.js";
export { ModelLogger } from "./model-logger.js";
export type { ModelOptions } from "./model-options.js";
export { RunContext } from "./run-context.js";
export { type RunEnd, RunHandle } from "./run-handle.js";
export {
  type Artifact,
  type ArtifactKind,
  modelArtifact,
  type RunRecord,
  type RunStatus,
} from "./run-record.js";
export { Sightline } from "./sightline.js";
export { SightlineError, type SightlineErrorCode, type SightlineErrorDetails } from "./sightline-error.js";
export { DEFAULT_OPTIONS, type SightlineOptions } from "./sightline-options.js";
export type {
  DropReason,
  Features,
  FeatureValue,
  JsonValue,
  PredictionRecord,
  SightlineStats,
  Tags,
} from "./types.js";
export { DROP_REASONS } from "./types.js";
export type { WrapOptions } from "./wrap-predict.js";
