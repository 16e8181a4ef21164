import { Component, type ComponentOptions } from "./component.js";
import { DeliveryQueue } from "./internal/delivery-queue.js";
import { encodeLabel } from "./internal/encode-label.js";
import { encodePrediction, type ModelDefaults } from "./internal/encode-prediction.js";
import { checkComponent, createLineageClient, type LineageClient } from "./internal/lineage-client.js";
import type { ModelSink } from "./internal/model-sink.js";
import { ModelLogger } from "./model-logger.js";
import { type ModelOptions, resolveModelOptions } from "./model-options.js";
import type { RunRecord } from "./run-record.js";
import { SightlineError } from "./sightline-error.js";
import { type ResolvedOptions, resolveOptions, type SightlineOptions } from "./sightline-options.js";
import { DROP_REASONS, type DropReason, type SightlineStats } from "./types.js";

interface ModelQueues {
  predictions: DeliveryQueue<ModelDefaults>;
  labels: DeliveryQueue<null> | undefined;
}

const USER_AGENT = "sightline-sdk-js/0.1.0";

/**
 * The Sightline client: owns the queues, the flush timer and the counters. Create one per process.
 * Only the constructor throws (on invalid options); logging never throws and never blocks.
 *
 * @example
 * const sl = new Sightline({ url: "http://localhost:7070", onError: (e) => console.warn(e.message) });
 * const m = sl.model("flight-delay", { version: "v3" });
 * m.log({ features: { distance: 812 }, prediction: 0.12 });
 * await sl.close();
 */
export class Sightline {
  private readonly options: ResolvedOptions;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly queues = new Map<string, ModelQueues>();
  private readonly counts: SightlineStats = {
    logged: 0,
    sent: 0,
    dropped: { buffer_full: 0, invalid: 0, rejected: 0, retries_exhausted: 0, closed: 0 },
    retries: 0,
    buffered: 0,
  };
  // Drops decided inside log() are reported to onDrop later, coalesced, to keep log() cheap.
  private readonly unreported: Record<DropReason, number> = {
    buffer_full: 0,
    invalid: 0,
    rejected: 0,
    retries_exhausted: 0,
    closed: 0,
  };
  private reportScheduled = false;
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly warned = new Set<string>();
  private readonly lineage: LineageClient;

  constructor(options: SightlineOptions) {
    this.options = resolveOptions(options);
    const headers: Record<string, string> = {
      "content-type": "application/x-ndjson",
      "user-agent": USER_AGENT,
    };
    if (this.options.apiKey !== undefined) headers.authorization = `Bearer ${this.options.apiKey}`;
    this.headers = Object.freeze(headers);
    this.timer = setInterval(() => this.sendPending(), this.options.flushIntervalMs);
    this.timer.unref();
    this.lineage = createLineageClient(this.options, headers, (error) => this.report(error));
  }

  /**
   * A pipeline step whose runs are recorded for lineage. Registers the component with the server in the
   * background; throws only on an invalid name or options (a programming error, found at start-up).
   *
   * @example
   * const clean = sl.component("clean", { owner: "data-eng", tags: { domain: "flights" } });
   * await clean.run({ inputs: ["raw.csv"], outputs: ["clean.parquet"] }, async () => cleanFile());
   */
  component(name: string, options: ComponentOptions = {}): Component {
    const fields = checkComponent(name, options);
    this.lineage.registerComponent(fields);
    return new Component(name, options, this.lineage);
  }

  /**
   * Records a run you timed yourself (the lower-level form of `component.run()`, e.g. for a step run
   * by another tool) and returns its id. Never throws: an invalid record is reported through onError.
   *
   * @example
   * sl.logRun({ component: "dbt-clean", startTime: t0, endTime: t1, status: "success", outputs: ["warehouse.clean"] });
   */
  logRun(record: RunRecord): string {
    return this.lineage.logRun(record);
  }

  /**
   * A logger for one model. Never throws: a missing name, or a bad version or tags, gives a logger
   * whose records are all dropped as "invalid" (and reported once through onError).
   *
   * @example
   * const m = sl.model("churn", { version: "2024-06-01", tags: { region: "eu" } });
   */
  model(name: string, options: ModelOptions = {}): ModelLogger {
    const { defaults, problem } = resolveModelOptions(name, options);
    if (problem !== undefined) {
      this.report(new SightlineError("SL_SDK_INVALID_OPTION", `${problem}; its records will be dropped`));
      return new ModelLogger(typeof name === "string" ? name : "", this.sinkFor(undefined), defaults, false);
    }
    return new ModelLogger(name, this.sinkFor(name), defaults, true);
  }

  /**
   * Counters since creation; `logged = sent + sum(dropped) + buffered`.
   *
   * @example
   * if (sl.stats().dropped.buffer_full > 0) console.warn("Sightline is falling behind");
   */
  stats(): SightlineStats {
    const c = this.counts;
    return {
      logged: c.logged,
      sent: c.sent,
      dropped: { ...c.dropped },
      retries: c.retries,
      buffered: c.buffered,
    };
  }

  /**
   * Sends everything logged so far; resolves (never rejects) once each of those records is
   * acknowledged by the server or dropped.
   *
   * @example
   * await sl.flush();
   */
  async flush(): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const q of this.queues.values()) {
      pending.push(q.predictions.flush());
      if (q.labels !== undefined) pending.push(q.labels.flush());
    }
    pending.push(this.lineage.flush());
    await Promise.all(pending);
    this.reportDrops();
  }

  /**
   * Flushes, then stops the timer. Records logged afterwards are dropped as "closed". Safe to call twice.
   *
   * @example
   * process.on("SIGTERM", () => { void sl.close().then(() => process.exit(0)); });
   */
  close(): Promise<void> {
    if (this.closing === undefined) {
      this.closed = true;
      this.lineage.close();
      this.closing = this.flush().finally(() => clearInterval(this.timer));
    }
    return this.closing;
  }

  private sendPending(): void {
    for (const q of this.queues.values()) {
      if (q.predictions.length > 0) q.predictions.sendPending();
      if (q.labels !== undefined && q.labels.length > 0) q.labels.sendPending();
    }
  }

  private sinkFor(name: string | undefined): ModelSink {
    const client = this;
    let queues: ModelQueues | undefined;
    const get = (): ModelQueues => {
      if (queues !== undefined) return queues;
      queues = client.queues.get(name!);
      if (queues === undefined) {
        queues = {
          predictions: client.createQueue(name!, "predictions", encodePrediction),
          labels: undefined,
        };
        client.queues.set(name!, queues);
      }
      return queues;
    };
    return {
      enqueuePrediction(record, id, timeMs, defaults) {
        const queue = get().predictions;
        if (client.admit()) {
          if (queue.push(record, id, timeMs, defaults)) client.counts.buffered++;
          else client.dropNow("buffer_full");
        }
      },
      enqueueLabel(id, label, timestamp) {
        const q = get();
        q.labels ??= client.createQueue(name!, "labels", (value, labelId) => encodeLabel(value, labelId));
        if (client.admit()) {
          if (q.labels.push({ label, timestamp }, id, 0, null)) client.counts.buffered++;
          else client.dropNow("buffer_full");
        }
      },
      dropInvalid() {
        client.counts.logged++;
        client.dropNow(client.closed ? "closed" : "invalid");
      },
    };
  }

  // Counts one call and decides whether it may be queued; a refused call is counted as dropped.
  private admit(): boolean {
    this.counts.logged++;
    if (this.closed) {
      this.dropNow("closed");
      return false;
    }
    if (this.counts.buffered >= this.options.maxBufferSize) {
      this.dropNow("buffer_full");
      return false;
    }
    return true;
  }

  private dropNow(reason: DropReason): void {
    this.counts.dropped[reason]++;
    this.unreported[reason]++;
    if (!this.reportScheduled) {
      this.reportScheduled = true;
      setImmediate(() => this.reportDrops());
    }
  }

  private reportDrops(): void {
    this.reportScheduled = false;
    for (const reason of DROP_REASONS) {
      const n = this.unreported[reason];
      if (n > 0) {
        this.unreported[reason] = 0;
        this.callOnDrop(n, reason);
      }
    }
  }

  private createQueue<O>(
    model: string,
    kind: "predictions" | "labels",
    encode: (value: unknown, id: string, timeMs: number, owner: O) => string | undefined,
  ): DeliveryQueue<O> {
    const client = this;
    const o = this.options;
    return new DeliveryQueue<O>(
      {
        url: `${o.url}/api/v1/models/${encodeURIComponent(model)}/${kind}`,
        headers: this.headers,
        timeoutMs: o.timeoutMs,
        fetch: o.fetch,
      },
      encode,
      {
        batchSize: o.batchSize,
        maxRetries: o.maxRetries,
        retryBaseMs: o.retryBaseMs,
        acknowledge(n) {
          client.counts.sent += n;
          client.counts.buffered -= n;
        },
        discard(n, reason) {
          client.counts.dropped[reason] += n;
          client.counts.buffered -= n;
          client.callOnDrop(n, reason);
        },
        retried() {
          client.counts.retries++;
        },
        report(error) {
          client.report(error);
        },
      },
      { model, kind },
      o.maxBufferSize,
    );
  }

  private callOnDrop(count: number, reason: DropReason): void {
    const { onDrop } = this.options;
    if (onDrop === undefined) return;
    try {
      onDrop(count, reason);
    } catch (error) {
      this.report(new SightlineError("SL_SDK_HOOK", `onDrop threw: ${String(error)}`, {}, error));
    }
  }

  // Without an onError hook, each error code is shown once as a process warning, so a wrong URL is noticed.
  private report(error: SightlineError): void {
    const { onError } = this.options;
    if (onError === undefined) {
      if (!this.warned.has(error.code) && typeof process !== "undefined" && process.emitWarning) {
        this.warned.add(error.code);
        process.emitWarning(error.message, { code: error.code });
      }
      return;
    }
    try {
      onError(error);
    } catch {
      // Nowhere left to report a failing error hook; swallowing it keeps the serving path safe.
    }
  }
}
