import { codeSnapshot } from "./internal/code-snapshot.js";
import type { LineageClient } from "./internal/lineage-client.js";
import { uuidv7 } from "./internal/uuidv7.js";
import { RunContext } from "./run-context.js";
import { RunHandle } from "./run-handle.js";
import type { Artifact, RunRecord } from "./run-record.js";
import type { JsonValue, Tags } from "./types.js";

/**
 * Options of `sl.component()`.
 *
 * @example
 * const clean = sl.component("clean", { description: "drops bad rows", owner: "data-eng", tags: { domain: "flights" } });
 */
export interface ComponentOptions {
  description?: string | undefined;
  owner?: string | undefined;
  tags?: Tags | undefined;
}

/**
 * What one run of a component read and wrote. Artifacts named only while it runs go through the
 * `RunContext` instead.
 *
 * @example
 * await featuregen.run({ inputs: ["clean.parquet"], outputs: ["features.parquet"], params: { window: 7 } }, build);
 * await featuregen.run({ inputs: ["clean.parquet"], clock: () => replayedMs }, build); // replayed at event time
 */
export interface RunOptions {
  inputs?: readonly Artifact[] | undefined;
  outputs?: readonly Artifact[] | undefined;
  params?: Readonly<Record<string, JsonValue>> | undefined;
  notes?: string | undefined;
  /** Defaults to a new UUIDv7. */
  id?: string | undefined;
  /**
   * Where the run's start and end times come from (epoch ms or Date), read when it starts and when it
   * ends; default `Date.now`. For replays and backfills, e.g. `() => eventTimeMs + elapsedMs()`. A clock
   * that throws or gives no valid time is replaced by `Date.now` for that reading.
   */
  clock?: (() => number | Date) | undefined;
  /**
   * The function whose source (and its SHA-256) `run()` records as the run's code; default `fn` itself.
   * For a step whose real code is called from a thin wrapper, e.g. `code: transform`.
   */
  code?: ((...args: never[]) => unknown) | undefined;
}

function readClock(options: RunOptions | undefined): number {
  try {
    const clock = options?.clock;
    if (clock !== undefined) {
      const t = clock();
      const ms = t instanceof Date ? t.getTime() : t;
      if (typeof ms === "number" && Number.isFinite(ms)) return ms;
    }
  } catch {
    // The clock is the caller's code; the run is still recorded, on the wall clock.
  }
  return Date.now();
}

function list(given: unknown, added: readonly Artifact[]): readonly Artifact[] | undefined {
  if (given === undefined) return added.length === 0 ? undefined : added;
  // Anything but an array is passed on as it is, to be reported as invalid by the encoder.
  return Array.isArray(given) ? [...(given as Artifact[]), ...added] : (given as readonly Artifact[]);
}

/**
 * A pipeline step (mltrace's component), obtained from `sl.component()`. Each `run()` records its
 * timing, status, error, inputs, outputs, code hash and git commit, and posts it in the background;
 * Sightline being down never fails the step.
 *
 * @example
 * const clean = sl.component("clean", { owner: "data-eng" });
 * await clean.run({ inputs: ["raw/flights.csv"], outputs: ["clean/flights.parquet"] }, async () => {
 *   await cleanFlights("raw/flights.csv", "clean/flights.parquet");
 * });
 * await sl.close();
 */
export class Component {
  readonly name: string;
  private readonly fields: Pick<RunRecord, "componentDescription" | "owner" | "tags">;

  /** @internal Use `sl.component()`. */
  constructor(
    name: string,
    options: ComponentOptions,
    private readonly lineage: LineageClient,
  ) {
    this.name = name;
    const fields: Pick<RunRecord, "componentDescription" | "owner" | "tags"> = {};
    if (options.description !== undefined) fields.componentDescription = options.description;
    if (options.owner !== undefined) fields.owner = options.owner;
    if (options.tags !== undefined) fields.tags = { ...options.tags };
    this.fields = fields;
  }

  /**
   * Runs `fn` and records the run: start and end time, `success` or `failed` with the error (which is
   * rethrown unchanged), the source of `fn` and its SHA-256, and the git commit. Resolves to what
   * `fn` returns; the post happens in the background (`await sl.flush()` waits for it).
   *
   * @example
   * const auc = await train.run({ inputs: ["train.parquet"] }, async (ctx) => {
   *   ctx.output({ name: "models:/churn/4", kind: "model" });
   *   ctx.metric("auc", 0.81);
   *   return 0.81;
   * });
   */
  async run<T>(options: RunOptions, fn: (ctx: RunContext) => T | PromiseLike<T>): Promise<Awaited<T>> {
    const startTime = readClock(options);
    const base = this.begin(options, startTime);
    let source: unknown = fn;
    try {
      source = options?.code ?? fn;
    } catch {
      // Unreadable options: record fn's own source.
    }
    const code = codeSnapshot(source);
    if (code !== undefined) {
      base.codeSnapshot = code.snapshot;
      base.codeHash = code.hash;
    }
    const ctx = new RunContext(base.id);
    try {
      const result = await fn(ctx);
      this.finish(base, options, ctx, undefined);
      return result;
    } catch (error) {
      this.finish(base, options, ctx, { error });
      throw error;
    }
  }

  /**
   * Starts a long-lived run (a serving process, a stream consumer) and posts it as "running"; end it
   * with `handle.end()`. Its `id` is what the process's predictions carry as `runId`.
   *
   * @example
   * const serving = sl.component("inference").start({ inputs: [modelArtifact("churn", "3"), "features:online"] });
   * process.on("SIGTERM", () => serving.end());
   */
  start(options: RunOptions = {}): RunHandle {
    const record = this.begin(options, readClock(options));
    try {
      if (options.outputs !== undefined) record.outputs = options.outputs;
    } catch {
      // Unreadable options: the run is still recorded, without them.
    }
    const handle = new RunHandle(
      { ...record },
      (r) => this.lineage.logRun(r),
      () => readClock(options),
    );
    this.lineage.logRun({ ...record, status: "running" });
    return handle;
  }

  private begin(options: RunOptions, startTime: number): RunRecord & { id: string } {
    const record: RunRecord & { id: string } = {
      id: uuidv7(startTime),
      component: this.name,
      startTime,
      ...this.fields,
    };
    const commit = this.lineage.gitCommit();
    if (commit !== undefined) record.gitCommit = commit;
    try {
      const o = options ?? {};
      if (typeof o.id === "string" && o.id !== "") record.id = o.id;
      if (o.inputs !== undefined) record.inputs = o.inputs;
      if (o.params !== undefined) record.params = o.params;
      if (o.notes !== undefined) record.notes = o.notes;
    } catch {
      // Unreadable options: the run is still recorded, without them.
    }
    return record;
  }

  private finish(
    base: RunRecord & { id: string },
    options: RunOptions,
    ctx: RunContext,
    failure: { error: unknown } | undefined,
  ): void {
    const record: RunRecord = {
      ...base,
      endTime: readClock(options),
      status: failure ? "failed" : "success",
    };
    try {
      if (failure !== undefined) {
        const e = failure.error;
        record.error = e instanceof Error ? e : String(e);
      }
      const inputs = list(base.inputs, ctx.inputs);
      if (inputs !== undefined) record.inputs = inputs;
      const outputs = list(options?.outputs, ctx.outputs);
      if (outputs !== undefined) record.outputs = outputs;
      if (Object.keys(ctx.params).length > 0) record.params = { ...base.params, ...ctx.params };
      const notes = [base.notes, ...ctx.notes].filter((n) => n !== undefined);
      // One NaN metric must not cost the whole lineage record: leave it out and say so.
      const metrics: Record<string, number> = {};
      for (const [name, value] of Object.entries(ctx.metrics)) {
        if (typeof value === "number" && Number.isFinite(value)) metrics[name] = value;
        else notes.push(`metric ${name} was left out: ${String(value)} is not a finite number`);
      }
      if (Object.keys(metrics).length > 0) record.metrics = metrics;
      if (notes.length > 0) record.notes = notes.join("\n");
    } catch {
      record.notes = "the run's options or context could not be read";
    }
    this.lineage.logRun(record);
  }
}
