import { SightlineError } from "../errors.js";
import type { IngestMetrics } from "../exporters/ingest-metrics.js";
import type { Store } from "../store/store.js";
import type { ContractRegistry } from "./contract-registry.js";
import { GroupWriter } from "./group-writer.js";
import { normalizeLabel } from "./normalize-label.js";
import { type ParsedBatch, parseJsonBatch, parseNdjsonBatch } from "./parse-body.js";
import { type AcceptedPrediction, type LabelRow, predictionKey } from "./prediction-row.js";
import type { Rejection } from "./record-error.js";
import { type ValidatedPredictions, validatePredictions } from "./validate-predictions.js";
import type { BodyFormat } from "./validation-message.js";
import { ValidationPool } from "./validation-pool.js";

/** The answer to an ingestion request. */
export interface IngestResult {
  accepted: number;
  ids: string[];
  rejected: Rejection[];
}

export interface IngestOptions {
  maxBatchRecords: number;
  maxQueuedRecords: number;
  now: () => number;
  /** Worker threads that validate prediction bodies off the event loop; 0 validates on it. */
  validationWorkers?: number;
  /** Bodies shorter than this (characters) are validated on the event loop: the hop would cost more. */
  minWorkerBodyChars?: number;
}

// About 100 records of 10 features: below it, posting to a worker and back costs more than validating.
const defaultMinWorkerBodyChars = 32 * 1024;

/**
 * Validates batches of predictions and labels, checks them against their contracts, and acknowledges once
 * they are durably stored. Bad records are rejected one by one; the good ones of the batch are kept.
 */
export class IngestService {
  private readonly predictionWriter: GroupWriter<AcceptedPrediction>;
  private readonly labelWriter: GroupWriter<LabelRow>;
  private readonly pool: ValidationPool | undefined;
  private readonly minWorkerBodyChars: number;

  constructor(
    store: Store,
    private readonly contracts: ContractRegistry,
    private readonly metrics: IngestMetrics | undefined,
    private readonly options: IngestOptions,
  ) {
    this.predictionWriter = new GroupWriter(async (batch) => {
      const inserted = await store.insertPredictions(batch.map((a) => a.row));
      // Re-sent ids are acknowledged but not counted twice, nor an id repeated within the group (the store
      // keeps its first occurrence): deleting a key as it is counted leaves none for the repeats.
      metrics?.recordPredictions(
        inserted.size === batch.length ? batch : batch.filter((a) => inserted.delete(predictionKey(a.row))),
      );
    }, 50_000);
    this.labelWriter = new GroupWriter((rows) => store.upsertLabels(rows), 50_000);
    const workers = options.validationWorkers ?? 0;
    this.pool = workers > 0 ? new ValidationPool(workers, contracts) : undefined;
    this.minWorkerBodyChars = options.minWorkerBodyChars ?? defaultMinWorkerBodyChars;
  }

  /** Stops the validation workers. */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  /** Records accepted and not yet written. */
  get queueDepth(): number {
    return this.predictionWriter.depth + this.labelWriter.depth;
  }

  private admit(records: number): void {
    if (records > this.options.maxBatchRecords) {
      throw new SightlineError(
        "SL_BATCH_TOO_LARGE",
        `batch has ${records} records; the limit is ${this.options.maxBatchRecords} per request`,
        { limit: this.options.maxBatchRecords },
      );
    }
    if (this.queueDepth + records > this.options.maxQueuedRecords) {
      throw new SightlineError("SL_OVERLOADED", "ingestion queue is full; retry with backoff", {
        queued: this.queueDepth,
      });
    }
  }

  async ingestPredictions(model: string, batch: ParsedBatch): Promise<IngestResult> {
    this.admit(batch.values.length);
    const validated = validatePredictions(batch, model, this.options.now(), (version) =>
      this.contracts.get(model, version),
    );
    return this.storePredictions(model, validated);
  }

  /**
   * Parses, validates and stores a request body of predictions. Large bodies are validated in a worker
   * thread when the service has any, so the event loop only appends the rows.
   */
  async ingestPredictionBody(model: string, text: string, format: BodyFormat): Promise<IngestResult> {
    const now = this.options.now();
    if (this.pool && text.length >= this.minWorkerBodyChars) {
      return this.storePredictions(model, await this.pool.validate(model, text, format, now));
    }
    const batch = format === "json" ? parseJsonBatch(text) : parseNdjsonBatch(text);
    this.admit(batch.values.length);
    return this.storePredictions(
      model,
      validatePredictions(batch, model, now, (version) => this.contracts.get(model, version)),
    );
  }

  private storePredictions(model: string, validated: ValidatedPredictions): Promise<IngestResult> {
    this.admit(validated.records);
    const { accepted, rejected } = validated;
    this.metrics?.recordRejected(model, "prediction", rejected.length);
    const ids = new Array<string>(accepted.length);
    for (let i = 0; i < accepted.length; i++) ids[i] = (accepted[i] as AcceptedPrediction).row.id;
    return this.finish(ids, rejected, () => this.predictionWriter.write(accepted));
  }

  async ingestLabels(model: string, batch: ParsedBatch): Promise<IngestResult> {
    this.admit(batch.values.length);
    const now = this.options.now();
    const rejected: Rejection[] = [...batch.rejections];
    const failed = new Set(batch.rejections.map((r) => r.index));
    const rows: LabelRow[] = [];
    batch.values.forEach((value, index) => {
      if (failed.has(index)) return;
      const result = normalizeLabel(value, index, model, now);
      if ("field" in result) rejected.push(result);
      else rows.push(result);
    });
    rejected.sort((a, b) => a.index - b.index);
    this.metrics?.recordRejected(model, "label", rejected.length);
    const result = await this.finish(
      rows.map((r) => r.id),
      rejected,
      () => this.labelWriter.write(rows),
    );
    this.metrics?.recordLabels(model, rows.length);
    return result;
  }

  private async finish(
    ids: string[],
    rejected: Rejection[],
    write: () => Promise<void>,
  ): Promise<IngestResult> {
    if (ids.length === 0) {
      throw new SightlineError(
        "SL_INVALID_RECORDS",
        rejected.length === 0 ? "the batch holds no records" : `all ${rejected.length} records were rejected`,
        { accepted: 0, ids: [], rejected },
      );
    }
    await write();
    return { accepted: ids.length, ids, rejected };
  }
}
