interface Pending<T> {
  rows: readonly T[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** How long a writer may hold back a small group for rows known to be on their way. */
export interface GatherOptions {
  /** Rows on their way to `write` (e.g. bodies being validated); 0 means none will come soon. */
  incoming: () => number;
  /** Stop waiting once a group holds this many rows. */
  targetRows: number;
  /** Hold a small group back this long even when no rows are known to be coming (classic linger). */
  lingerMs: number;
  /** Never hold a group back longer than this. */
  maxWaitMs: number;
}

/**
 * Group commit: batches that arrive while a write is in progress are combined into the next write, so many
 * small requests cost one transaction (and one fsync) instead of one each. Each caller's promise settles
 * only when its rows are durably written, so an acknowledgement always means "stored".
 *
 * With `gather`, an idle writer also holds a small group back while more rows are on their way (up to
 * `targetRows` or `maxWaitMs`): a DuckDB transaction costs about 2 ms of CPU whatever its size, so one
 * commit of 3,000 rows is cheaper than three of 1,000.
 *
 * @example
 * const writer = new GroupWriter((rows) => store.insertPredictions(rows), 50_000);
 * await writer.write(rows);
 */
export class GroupWriter<T> {
  private pending: Pending<T>[] = [];
  private queued = 0;
  private writing = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly sink: (rows: readonly T[]) => Promise<void>,
    private readonly maxRowsPerWrite: number,
    private readonly gather?: GatherOptions,
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
      else this.wake?.();
    });
  }

  /** Re-checks a held-back group: call when rows said to be incoming will not come after all. */
  recheck(): void {
    this.wake?.();
  }

  /** Rows to be written in the next group, before any wait. */
  private pendingRows(): number {
    let n = 0;
    for (const p of this.pending) n += p.rows.length;
    return n;
  }

  // Waits (at most maxWaitMs in all) while the next group is small and more rows are on their way; each
  // arriving batch re-checks.
  private async gatherMore(): Promise<void> {
    const gather = this.gather;
    if (gather === undefined) return;
    const start = performance.now();
    while (this.pendingRows() < gather.targetRows) {
      const waited = performance.now() - start;
      const left = (gather.incoming() > 0 ? gather.maxWaitMs : gather.lingerMs) - waited;
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.pending.length > 0) {
      await this.gatherMore();
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
