/** The timer the scheduler uses; injectable so tests drive it by hand. */
export interface SchedulerTimer {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimer: SchedulerTimer = {
  setInterval: (callback, ms) => {
    const handle = setInterval(callback, ms);
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/**
 * Runs the monitor evaluation (`tick`) on a fixed schedule and on demand, never two at once: a request
 * while a tick runs waits for it and runs once more after. Errors go to `onError`; the schedule goes on.
 *
 * @example
 * const scheduler = new MonitorScheduler(() => monitors.tick(), 60_000);
 * scheduler.start();
 * await scheduler.stop();
 */
export class MonitorScheduler {
  private handle: unknown;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly tick: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly timer: SchedulerTimer = realTimer,
  ) {}

  start(): void {
    if (this.handle !== undefined) return;
    this.handle = this.timer.setInterval(() => void this.runNow(), this.intervalMs);
  }

  /** Runs one evaluation after any running one; resolves when it is done (errors reported, not thrown). */
  runNow(): Promise<void> {
    const next = this.running.then(() =>
      this.tick().catch((error: unknown) => {
        this.onError(error);
      }),
    );
    this.running = next;
    return next;
  }

  /** Stops the schedule and waits for the evaluation in progress. */
  async stop(): Promise<void> {
    if (this.handle !== undefined) this.timer.clearInterval(this.handle);
    this.handle = undefined;
    await this.running;
  }
}
