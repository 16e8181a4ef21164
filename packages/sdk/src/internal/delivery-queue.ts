import { SightlineError } from "../sightline-error.js";
import type { DropReason } from "../types.js";
import { backoffDelayMs } from "./backoff.js";
import { type PostTarget, postBody } from "./post-body.js";
import { type QueueItem, RingQueue } from "./ring-queue.js";

/** What a queue reports back to its client. */
export interface DeliveryContext {
  readonly batchSize: number;
  readonly maxRetries: number;
  readonly retryBaseMs: number;
  /** `n` queued records were accepted by the server. */
  acknowledge(n: number): void;
  /** `n` queued records were given up. */
  discard(n: number, reason: DropReason): void;
  retried(): void;
  report(error: SightlineError): void;
}

/** Turns a queued slot into an NDJSON line, or undefined if it cannot be sent. */
export type Encoder<O> = (value: unknown, id: string, timeMs: number, owner: O) => string | undefined;

interface Waiter {
  seq: number;
  resolve: () => void;
}

/**
 * The records of one model and kind (predictions or labels) on their way to one endpoint. Sends one
 * request at a time, so a slow server holds at most one batch in flight per queue. A batch is sent
 * when the queue holds `batchSize` records, or everything is sent up to a flush target (set by the
 * client's timer and by flush()).
 */
export class DeliveryQueue<O> {
  private readonly ring: RingQueue<O>;
  private enqueued = 0;
  private done = 0;
  private flushTarget = 0;
  private pumping = false;
  private scheduled = false;
  // After a batch exhausts its retries, later batches get a single attempt until one gets through,
  // so a long outage drops quickly instead of stalling flush() and close() for minutes.
  private degraded = false;
  private waiters: Waiter[] = [];
  private backoffTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly target: PostTarget,
    private readonly encode: Encoder<O>,
    private readonly context: DeliveryContext,
    private readonly label: { model: string; kind: string },
    capacity: number,
  ) {
    this.ring = new RingQueue<O>(capacity);
  }

  get length(): number {
    return this.ring.length;
  }

  /** Queues one record; false when the ring is full. Cheap: no serialisation here. */
  push(value: unknown, id: string, timeMs: number, owner: O): boolean {
    if (!this.ring.push(value, id, timeMs, owner)) return false;
    this.enqueued++;
    if (this.ring.length >= this.context.batchSize && !this.pumping && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.kick();
      });
    }
    return true;
  }

  /** Sends everything queued so far (used by the client's timer). */
  sendPending(): void {
    this.flushTarget = this.enqueued;
    this.kick();
  }

  /** Resolves when every record queued before the call is acknowledged or dropped. */
  flush(): Promise<void> {
    const seq = this.enqueued;
    if (this.done >= seq) return Promise.resolve();
    this.flushTarget = Math.max(this.flushTarget, seq);
    const promise = new Promise<void>((resolve) => this.waiters.push({ seq, resolve }));
    this.backoffTimer?.ref();
    this.kick();
    return promise;
  }

  private kick(): void {
    if (this.pumping) return;
    this.pumping = true;
    void this.pump();
  }

  private async pump(): Promise<void> {
    try {
      while (
        this.ring.length > 0 &&
        (this.ring.length >= this.context.batchSize || this.done < this.flushTarget)
      ) {
        const items = this.ring.shift(this.context.batchSize);
        await this.sendItems(items);
        this.done += items.length;
        this.resolveWaiters();
      }
    } catch (error) {
      this.context.report(
        new SightlineError("SL_SDK_NETWORK", `unexpected failure while sending: ${String(error)}`, {}, error),
      );
    } finally {
      this.pumping = false;
    }
  }

  private resolveWaiters(): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.seq <= this.done) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  private async sendItems(items: QueueItem<O>[]): Promise<void> {
    const lines: string[] = [];
    let invalid = 0;
    for (const item of items) {
      let line: string | undefined;
      try {
        line = this.encode(item.value, item.id, item.timeMs, item.owner);
      } catch {
        line = undefined;
      }
      if (line === undefined) invalid++;
      else lines.push(line);
    }
    if (invalid > 0) this.context.discard(invalid, "invalid");
    if (lines.length > 0) await this.deliver(lines);
  }

  private async deliver(lines: string[]): Promise<void> {
    const maxRetries = this.degraded ? 0 : this.context.maxRetries;
    for (let attempt = 0; ; attempt++) {
      const outcome = await postBody(this.target, `${lines.join("\n")}\n`);
      switch (outcome.kind) {
        case "ok": {
          this.degraded = false;
          const rejected = Math.min(outcome.rejected.length, lines.length);
          if (lines.length - rejected > 0) this.context.acknowledge(lines.length - rejected);
          if (rejected > 0) {
            this.context.discard(rejected, "rejected");
            this.fail("SL_SDK_REJECTED", `server rejected ${rejected} of ${lines.length} records`, {
              status: 200,
              count: rejected,
              rejected: outcome.rejected.slice(0, 10),
            });
          }
          return;
        }
        case "too_large": {
          this.degraded = false;
          if (lines.length === 1) {
            this.context.discard(1, "rejected");
            this.fail("SL_SDK_REJECTED", "record too large for the server (HTTP 413)", {
              status: 413,
              count: 1,
            });
            return;
          }
          const half = Math.ceil(lines.length / 2);
          await this.deliver(lines.slice(0, half));
          await this.deliver(lines.slice(half));
          return;
        }
        case "rejected": {
          this.degraded = false;
          this.context.discard(lines.length, "rejected");
          this.fail("SL_SDK_REJECTED", `server refused ${lines.length} records: ${outcome.message}`, {
            status: outcome.status,
            count: lines.length,
            rejected: outcome.rejected.slice(0, 10),
          });
          return;
        }
        case "retry": {
          if (attempt >= maxRetries) {
            this.degraded = true;
            this.context.discard(lines.length, "retries_exhausted");
            const status = outcome.status === undefined ? {} : { status: outcome.status };
            this.fail(
              "SL_SDK_RETRIES_EXHAUSTED",
              `gave up on ${lines.length} records after ${attempt + 1} attempts: ${outcome.message}`,
              { ...status, count: lines.length },
            );
            return;
          }
          this.context.retried();
          await this.sleep(
            backoffDelayMs(attempt, this.context.retryBaseMs, Math.random(), outcome.retryAfterMs),
          );
        }
      }
    }
  }

  // A backoff timer keeps the process alive only while someone awaits flush() or close().
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.backoffTimer = undefined;
        resolve();
      }, ms);
      if (this.waiters.length === 0) timer.unref();
      this.backoffTimer = timer;
    });
  }

  private fail(code: "SL_SDK_REJECTED" | "SL_SDK_RETRIES_EXHAUSTED", message: string, details: object): void {
    this.context.report(
      new SightlineError(code, `${this.label.model} ${this.label.kind}: ${message}`, {
        ...this.label,
        ...details,
      }),
    );
  }
}
