import { SightlineError } from "../errors.js";
import type { IngestMetrics } from "../exporters/ingest-metrics.js";
import type { Store } from "../store/store.js";
import type { ContractRegistry } from "./contract-registry.js";
import { GroupWriter } from "./group-writer.js";
import { normalizeLabel } from "./normalize-label.js";
import { normalizePrediction } from "./normalize-prediction.js";
import type { ParsedBatch } from "./parse-body.js";
import { type AcceptedPrediction, type LabelRow, predictionKey } from "./prediction-row.js";
import type { Rejection } from "./record-error.js";

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
}

/**
 * Validates batches of predictions and labels, checks them against their contracts, and acknowledges once
 * they are durably stored. Bad records are rejected one by one; the good ones of the batch are kept.
 */
export class IngestService {
  private readonly predictionWriter: GroupWriter<AcceptedPrediction>;
  private readonly labelWriter: GroupWriter<LabelRow>;

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
  }

  /** Records accepted and not yet written. */
  get queueDepth(): number {
    return this.predictionWriter.depth + this.labelWriter.depth;
  }

  private admit(batch: ParsedBatch): void {
    if (batch.values.length > this.options.maxBatchRecords) {
      throw new SightlineError(
        "SL_BATCH_TOO_LARGE",
        `batch has ${batch.values.length} records; the limit is ${this.options.maxBatchRecords} per request`,
        { limit: this.options.maxBatchRecords },
      );
    }
    if (this.queueDepth + batch.values.length > this.options.maxQueuedRecords) {
      throw new SightlineError("SL_OVERLOADED", "ingestion queue is full; retry with backoff", {
        queued: this.queueDepth,
      });
    }
  }

  async ingestPredictions(model: string, batch: ParsedBatch): Promise<IngestResult> {
    this.admit(batch);
    const now = this.options.now();
    const rejected: Rejection[] = [...batch.rejections];
    const failed = new Set(batch.rejections.map((r) => r.index));
    const accepted: AcceptedPrediction[] = [];
    batch.values.forEach((value, index) => {
      if (failed.has(index)) return;
      const result = normalizePrediction(value, index, model, now, (version) =>
        this.contracts.get(model, version),
      );
      if ("row" in result) accepted.push(result);
      else rejected.push(result);
    });
    rejected.sort((a, b) => a.index - b.index);
    this.metrics?.recordRejected(model, "prediction", rejected.length);
    return this.finish(
      accepted.map((a) => a.row.id),
      rejected,
      () => this.predictionWriter.write(accepted),
    );
  }

  async ingestLabels(model: string, batch: ParsedBatch): Promise<IngestResult> {
    this.admit(batch);
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
