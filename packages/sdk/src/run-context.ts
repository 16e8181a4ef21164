import type { Artifact } from "./run-record.js";
import type { JsonValue } from "./types.js";

/**
 * Handed to the function of `component.run()`: adds what the run found out while it ran (outputs
 * named only at the end, metrics, parameters). Its methods never throw.
 *
 * @example
 * await train.run({ inputs: ["train.parquet"] }, async (ctx) => {
 *   const path = await fitAndSave();
 *   ctx.output({ name: path, kind: "model" });
 *   ctx.metric("auc", 0.81);
 * });
 */
export class RunContext {
  /** The run's id (a UUIDv7 unless one was given): what predictions of a serving run carry as `run_id`. */
  readonly runId: string;
  /** @internal */ readonly inputs: Artifact[] = [];
  /** @internal */ readonly outputs: Artifact[] = [];
  /** @internal */ readonly metrics: Record<string, number> = {};
  /** @internal */ readonly params: Record<string, JsonValue> = {};
  /** @internal */ readonly notes: string[] = [];

  /** @internal Built by `component.run()`. */
  constructor(runId: string) {
    this.runId = runId;
  }

  /** Records artifacts the run read, besides those given to `run()`. */
  input(...artifacts: Artifact[]): void {
    this.inputs.push(...artifacts);
  }

  /** Records artifacts the run wrote, besides those given to `run()`. */
  output(...artifacts: Artifact[]): void {
    this.outputs.push(...artifacts);
  }

  /** Records a numeric result of the run (the last value given for a name wins; a non-finite one is left out, with a note). */
  metric(name: string, value: number): void {
    this.metrics[name] = value;
  }

  /** Records a parameter of the run (merged over the `params` given to `run()`). */
  param(name: string, value: JsonValue): void {
    this.params[name] = value;
  }

  /** Appends a line to the run's notes. */
  note(text: string): void {
    this.notes.push(text);
  }
}
