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
  /** The function whose source the run records; default the body. */
  code?: (...args: never[]) => unknown;
}

/** What a step's body returns: its value and the metrics to record on the run. */
export interface StepResult<T> {
  value: T;
  metrics?: Record<string, number>;
}

/**
 * Runs `body` as a run of the SDK's `component.run`, on the replay's clock: the run starts at `atMs` and
 * ends that plus the real time it took, so it lines up with the 2001 predictions it feeds. The run records
 * `code`'s source and its SHA-256 when given (the transform a thin step calls), else the body's.
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
  const component = sl.component(options.component, {
    owner: "flights-demo",
    ...(options.description === undefined ? {} : { description: options.description }),
  });
  return component.run(
    {
      id: options.id,
      inputs: options.inputs,
      outputs: options.outputs,
      params: options.params ?? {},
      clock: () => options.atMs + Math.round(performance.now() - started),
      code: options.code ?? body,
    },
    async (ctx) => {
      const result = await body();
      for (const [name, value] of Object.entries(result.metrics ?? {})) ctx.metric(name, value);
      return result.value;
    },
  );
}
