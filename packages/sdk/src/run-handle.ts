import type { Artifact, RunRecord, RunStatus } from "./run-record.js";

/** How a long-lived run ended; `status` defaults to "failed" when `error` is given, else "success". */
export interface RunEnd {
  status?: Exclude<RunStatus, "running"> | undefined;
  outputs?: readonly Artifact[] | undefined;
  error?: string | Error | undefined;
  metrics?: Readonly<Record<string, number>> | undefined;
  notes?: string | undefined;
  /** When the run ended (epoch ms, ISO string or Date); default the run's clock (`Date.now`). */
  endTime?: number | string | Date | undefined;
}

/**
 * A run started with `component.start()` and still going, such as a serving process; its `id` is
 * what that process's predictions carry as `runId`. `end()` posts the final state; later calls are
 * ignored.
 *
 * @example
 * const serving = sl.component("inference").start({ inputs: [modelArtifact("churn", "3")] });
 * const m = sl.model("churn", { version: "3" });
 * process.on("SIGTERM", () => { serving.end(); void sl.close(); });
 */
export class RunHandle {
  readonly id: string;
  private ended = false;

  /** @internal Use `component.start()`. */
  constructor(
    private readonly started: RunRecord & { id: string },
    private readonly post: (record: RunRecord) => void,
    private readonly clock: () => number = Date.now,
  ) {
    this.id = started.id;
  }

  /** Posts the run's end (`endTime`, else now on the run's clock), its status, outputs and error. Never throws. */
  end(options: RunEnd = {}): void {
    if (this.ended) return;
    this.ended = true;
    try {
      const o = options ?? {};
      const record: RunRecord = { ...this.started, endTime: o.endTime ?? this.clock() };
      record.status = o.status ?? (o.error === undefined ? "success" : "failed");
      if (o.outputs !== undefined) record.outputs = [...(this.started.outputs ?? []), ...o.outputs];
      if (o.error !== undefined) record.error = o.error;
      if (o.metrics !== undefined) record.metrics = o.metrics;
      if (o.notes !== undefined) record.notes = o.notes;
      this.post(record);
    } catch {
      this.post({
        ...this.started,
        endTime: this.clock(),
        status: "failed",
        error: "unreadable end options",
      });
    }
  }
}
