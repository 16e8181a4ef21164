import { setImmediate } from "node:timers/promises";

interface Pending<T> {
  rows: readonly T[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: batches that arrive while a write is in progress are combined into the next write, so many
 * small requests cost one transaction (and one fsync) instead of one each. Each caller's promise settles
 * only when its rows are durably written, so an acknowledgement always means "stored".
 *
 * Before each group the writer yields to the event loop once, so that batches already waiting in its queue
 * join the group: the store's flush is synchronous, and the requests and worker replies that arrive during
 * it are only seen after it. The writer never waits for rows that have not arrived: on an idle server a
 * lone batch is written at once, on a busy one the groups grow by themselves. (Holding small groups back
 * for up to 10 ms while bodies were being validated saved CPU per row but cost 10-20% of throughput on a
 * quiet machine: the acknowledgements waited; see docs/benchmarks.md.)
 *
 * @example
 * const writer = new GroupWriter((rows) => store.insertPredictions(rows), 50_000);
 * await writer.write(rows);
 */
export class GroupWriter<T> {
  private pending: Pending<T>[] = [];
  private queued = 0;
  private writing = false;

  constructor(
    private readonly sink: (rows: readonly T[]) => Promise<void>,
    private readonly maxRowsPerWrite: number,
  ) {}

  /** Rows accepted but not yet written. */
  get depth(): number {
    return this.queued;
  }

  write(rows: readonly T[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ rows, resolve, reject });
      this.queued += rows.length;
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.pending.length > 0) {
      await setImmediate();
      const group: Pending<T>[] = [];
      let count = 0;
      while (
        this.pending.length > 0 &&
        (group.length === 0 || count + (this.pending[0]?.rows.length ?? 0) <= this.maxRowsPerWrite)
      ) {
        const next = this.pending.shift() as Pending<T>;
        group.push(next);
        count += next.rows.length;
      }
      const rows = group.length === 1 ? (group[0]?.rows ?? []) : group.flatMap((p) => p.rows);
      try {
        await this.sink(rows);
        for (const p of group) p.resolve();
      } catch (error) {
        for (const p of group) p.reject(error);
      } finally {
        this.queued -= count;
      }
    }
    this.writing = false;
  }
}
