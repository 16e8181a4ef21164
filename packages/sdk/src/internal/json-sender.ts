import { SightlineError } from "../sightline-error.js";
import { backoffDelayMs } from "./backoff.js";
import type { SendOutcome } from "./classify-response.js";
import { postBody } from "./post-body.js";

/** Where the sender posts and how it retries. */
export interface JsonSenderOptions {
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
  readonly maxRetries: number;
  readonly retryBaseMs: number;
  /** Requests waiting at most; a request beyond it is dropped and reported. */
  readonly capacity: number;
  report(error: SightlineError): void;
}

interface Pending {
  path: string;
  body: string;
  /** What the request carries, for error messages: e.g. `run 0190…` or `component clean`. */
  what: string;
  kind: string;
}

/**
 * Posts JSON documents (lineage runs and components) one at a time, in the order given, so a run's
 * "running" post always lands before its final one. Failures are retried with backoff and then
 * reported; nothing is ever thrown to the caller.
 */
export class JsonSender {
  private readonly queue: Pending[] = [];
  private pumping = false;
  private degraded = false;
  private waiters: (() => void)[] = [];
  private backoffTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: JsonSenderOptions) {}

  /** Queues one POST of `body` (a JSON text) to `path` under the base URL. */
  send(path: string, body: string, what: string, kind: string): void {
    if (this.queue.length >= this.options.capacity) {
      this.options.report(
        new SightlineError(
          "SL_SDK_RETRIES_EXHAUSTED",
          `${what}: dropped, ${this.queue.length} requests wait`,
          {
            kind,
            count: 1,
          },
        ),
      );
      return;
    }
    this.queue.push({ path, body, what, kind });
    if (!this.pumping) {
      this.pumping = true;
      void this.pump();
    }
  }

  /** Resolves (never rejects) once every request queued so far was delivered or given up. */
  flush(): Promise<void> {
    if (!this.pumping) return Promise.resolve();
    this.backoffTimer?.ref();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async pump(): Promise<void> {
    try {
      for (let item = this.queue.shift(); item !== undefined; item = this.queue.shift()) {
        await this.deliver(item);
      }
    } catch (error) {
      this.options.report(
        new SightlineError("SL_SDK_NETWORK", `unexpected failure while sending: ${String(error)}`, {}, error),
      );
    } finally {
      this.pumping = false;
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private async deliver(item: Pending): Promise<void> {
    // After one request exhausts its retries, later ones get one attempt until one gets through,
    // so a long outage cannot stall close() for minutes per run.
    const maxRetries = this.degraded ? 0 : this.options.maxRetries;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.post(item);
      if (outcome.kind === "ok") {
        this.degraded = false;
        return;
      }
      if (outcome.kind === "retry" && attempt < maxRetries) {
        await this.sleep(
          backoffDelayMs(attempt, this.options.retryBaseMs, Math.random(), outcome.retryAfterMs),
        );
        continue;
      }
      const status = outcome.status === undefined ? {} : { status: outcome.status };
      if (outcome.kind === "retry") {
        this.degraded = true;
        this.options.report(
          new SightlineError(
            "SL_SDK_RETRIES_EXHAUSTED",
            `${item.what}: gave up after ${attempt + 1} attempts: ${outcome.message}`,
            { kind: item.kind, count: 1, ...status },
          ),
        );
      } else {
        this.degraded = false;
        const message = outcome.kind === "rejected" ? outcome.message : "too large for the server";
        this.options.report(
          new SightlineError("SL_SDK_REJECTED", `${item.what}: server refused it: ${message}`, {
            kind: item.kind,
            count: 1,
            ...status,
          }),
        );
      }
      return;
    }
  }

  private post(item: Pending): Promise<SendOutcome> {
    const { baseUrl, headers, timeoutMs, fetch } = this.options;
    return postBody({ url: `${baseUrl}${item.path}`, headers, timeoutMs, fetch }, item.body);
  }

  // A backoff wait keeps the process alive only while someone awaits flush() or close().
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
}
