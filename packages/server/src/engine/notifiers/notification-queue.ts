import type { NotificationGroup, Notifier } from "./notifier.js";

/** Options of {@link NotificationQueue}; the clock and sleep are injectable for tests. */
export interface NotificationQueueOptions {
  /** Groups waiting to be sent; beyond it the oldest is dropped (and counted). Default 1000. */
  maxQueued?: number;
  /** Attempts per group, the first included. Default 4. */
  attempts?: number;
  /** First retry delay, doubled each retry. Default 500 ms. */
  backoffMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onError?: (notifier: string, error: unknown) => void;
}

/**
 * A bounded queue in front of the notifiers: groups are sent one at a time in order, each retried with
 * exponential backoff; when the queue is full the oldest group is dropped, so a dead receiver never holds
 * unbounded memory nor blocks evaluation.
 *
 * @example
 * const queue = new NotificationQueue(new Map([["hook", notifier]]));
 * queue.push("hook", { model: "m", events });
 * await queue.drain();
 */
export class NotificationQueue {
  private readonly queue: { notifier: string; group: NotificationGroup }[] = [];
  private running: Promise<void> | undefined;
  private readonly maxQueued: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly onError: (notifier: string, error: unknown) => void;
  /** Counts for the operator: sent, failed after every attempt, dropped because the queue was full. */
  readonly stats = { sent: 0, failed: 0, dropped: 0 };

  constructor(
    private readonly notifiers: ReadonlyMap<string, Notifier>,
    options: NotificationQueueOptions = {},
  ) {
    this.maxQueued = options.maxQueued ?? 1000;
    this.attempts = options.attempts ?? 4;
    this.backoffMs = options.backoffMs ?? 500;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.onError = options.onError ?? (() => undefined);
  }

  get depth(): number {
    return this.queue.length;
  }

  push(notifier: string, group: NotificationGroup): void {
    if (!this.notifiers.has(notifier)) return;
    this.queue.push({ notifier, group });
    while (this.queue.length > this.maxQueued) {
      this.queue.shift();
      this.stats.dropped += 1;
    }
    this.running ??= this.work().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves once every queued group was sent or given up. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async work(): Promise<void> {
    for (let item = this.queue.shift(); item; item = this.queue.shift()) {
      const notifier = this.notifiers.get(item.notifier);
      if (!notifier) continue;
      for (let attempt = 1; ; attempt++) {
        try {
          await notifier.send(item.group, this.now());
          this.stats.sent += 1;
          break;
        } catch (error) {
          if (attempt >= this.attempts) {
            this.stats.failed += 1;
            this.onError(item.notifier, error);
            break;
          }
          await this.sleep(this.backoffMs * 2 ** (attempt - 1));
        }
      }
    }
  }
}
