import type { ArtifactRef } from "./artifact.js";

/** The state of a run. */
export const runStatuses = ["running", "success", "failed"] as const;
export type RunStatus = (typeof runStatuses)[number];

/** One execution of a component, as stored. Times are epoch milliseconds (UTC). */
export interface RunRecord {
  id: string;
  component: string;
  startMs: number;
  endMs: number | null;
  status: RunStatus;
  error: string | null;
  inputs: ArtifactRef[];
  outputs: ArtifactRef[];
  codeSnapshot: string | null;
  codeHash: string | null;
  gitCommit: string | null;
  params: Record<string, unknown> | null;
  metrics: Record<string, number> | null;
  notes: string | null;
}

/** A pipeline step: name, description, owner and tags. */
export interface ComponentRecord {
  name: string;
  description: string | null;
  owner: string | null;
  tags: Record<string, string>;
}

/**
 * A validated `POST /api/v1/runs` body. Fields left out (undefined) keep their stored value when the run
 * already exists, so a pipeline can post a run when it starts and again when it ends.
 */
export interface RunInput {
  id: string | undefined;
  component: string;
  startMs: number;
  endMs?: number | null;
  status?: RunStatus;
  error?: string | null;
  inputs?: ArtifactRef[];
  outputs?: ArtifactRef[];
  codeSnapshot?: string | null;
  codeHash?: string | null;
  gitCommit?: string | null;
  params?: Record<string, unknown> | null;
  metrics?: Record<string, number> | null;
  notes?: string | null;
  componentDescription?: string | null;
  owner?: string | null;
  tags?: Record<string, string>;
}

/** A run's summary for listings and trace nodes, in API form (ISO-8601 times). */
export interface RunSummary {
  id: string;
  component: string;
  start_time: string;
  end_time: string | null;
  status: RunStatus;
}

/**
 * The API summary of a stored run.
 *
 * @example
 * runSummary(run); // { id, component, start_time: "2024-01-01T00:00:00.000Z", end_time: null, status: "running" }
 */
export function runSummary(
  run: Pick<RunRecord, "id" | "component" | "startMs" | "endMs" | "status">,
): RunSummary {
  return {
    id: run.id,
    component: run.component,
    start_time: new Date(run.startMs).toISOString(),
    end_time: run.endMs === null ? null : new Date(run.endMs).toISOString(),
    status: run.status,
  };
}

/**
 * The time a run's outputs became available: its end, or its start while it has not ended. Dependencies
 * resolve to the latest writer by this time.
 *
 * @example
 * availableMs({ startMs: 10, endMs: null }); // 10
 */
export function availableMs(run: Pick<RunRecord, "startMs" | "endMs">): number {
  return run.endMs ?? run.startMs;
}
