import { createHash } from "node:crypto";
import type { Artifact, Sightline } from "@sightline/sdk";

/** One pipeline step, stamped on the replay's clock. */
export interface StepOptions {
  /** A stable run id, so re-running the demo updates the same run instead of adding one. */
  id: string;
  component: string;
  /** Event time the step starts at; its end is that plus the real time it took. */
  atMs: number;
  inputs: readonly Artifact[];
  outputs: readonly Artifact[];
  params?: Record<string, string | number | boolean>;
  description?: string;
  /** The code recorded on the run; default the body's source. */
  code?: string;
}

/** What a step's body returns: its value and the metrics to record on the run. */
export interface StepResult<T> {
  value: T;
  metrics?: Record<string, number>;
}

/**
 * Runs `body` and records it as a lineage run with `sl.logRun`: the SDK's `component.run` stamps wall-clock
 * times, but the demo replays 2001, so its runs carry event times to line up with the predictions they feed.
 * The run records the body's source and its SHA-256, as `component.run` does.
 *
 * @example
 * const rows = await pipelineStep(sl, { id: "clean-v2", component: "clean", atMs, inputs: [raw], outputs: ["flights.clean"] },
 *   async () => ({ value: await data.clean() }));
 */
export async function pipelineStep<T>(
  sl: Sightline,
  options: StepOptions,
  body: () => Promise<StepResult<T>>,
): Promise<T> {
  const started = performance.now();
  const code = options.code ?? body.toString();
  const record = {
    id: options.id,
    component: options.component,
    startTime: options.atMs,
    inputs: options.inputs,
    outputs: options.outputs,
    params: options.params ?? {},
    codeSnapshot: code,
    codeHash: createHash("sha256").update(code).digest("hex"),
    owner: "flights-demo",
    componentDescription: options.description,
  };
  try {
    const result = await body();
    sl.logRun({
      ...record,
      endTime: options.atMs + Math.max(1, Math.round(performance.now() - started)),
      status: "success",
      metrics: result.metrics ?? {},
    });
    return result.value;
  } catch (error) {
    sl.logRun({
      ...record,
      endTime: options.atMs + Math.max(1, Math.round(performance.now() - started)),
      status: "failed",
      error: error instanceof Error ? error : String(error),
    });
    throw error;
  }
}
