import type { JsonValue, Tags } from "./types.js";

/** What an artifact is; the server infers it from the name when left out. */
export type ArtifactKind = "data" | "model" | "endpoint" | "other";

/**
 * Something a run read or wrote: a name or URI (`s3://bucket/clean.parquet`, `models:/churn/3`), or an
 * object with a content hash (a re-written file with other content is then a different artifact).
 *
 * @example
 * const inputs: Artifact[] = ["raw/flights.csv", { name: "features.parquet", hash: "sha256:9f2c…", kind: "data" }];
 */
export type Artifact = string | { name: string; hash?: string | undefined; kind?: ArtifactKind | undefined };

/** How a run ended, or that it is still going. */
export type RunStatus = "running" | "success" | "failed";

/**
 * One run as given to `sl.logRun()`: the lower-level form of `component.run()`. Times are epoch
 * milliseconds, ISO-8601 strings or Dates.
 *
 * @example
 * sl.logRun({ component: "clean", startTime: t0, endTime: Date.now(), inputs: ["raw.csv"], outputs: ["clean.csv"] });
 */
export interface RunRecord {
  /** Defaults to a new UUIDv7; posting the same id again updates the run. */
  id?: string | undefined;
  component: string;
  startTime: number | string | Date;
  endTime?: number | string | Date | undefined;
  status?: RunStatus | undefined;
  /** An error message (an `Error` is reduced to `name: message`). */
  error?: string | Error | undefined;
  inputs?: readonly Artifact[] | undefined;
  outputs?: readonly Artifact[] | undefined;
  codeSnapshot?: string | undefined;
  codeHash?: string | undefined;
  gitCommit?: string | undefined;
  params?: Readonly<Record<string, JsonValue>> | undefined;
  metrics?: Readonly<Record<string, number>> | undefined;
  notes?: string | undefined;
  /** Component fields, so the server can create the component with its first run. */
  componentDescription?: string | undefined;
  owner?: string | undefined;
  tags?: Tags | undefined;
}

/**
 * The artifact name of a model version, as the registry and the lineage graph spell it.
 *
 * @example
 * const serving = sl.component("inference").start({ inputs: [modelArtifact("churn", "3")] });
 */
export function modelArtifact(model: string, version: string): string {
  return `models:/${model}/${version}`;
}
