import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { uuidv7 } from "uuidv7";
import type { Contract } from "../contract/contract.js";
import { learnContract } from "../contract/learn-contract.js";
import { SightlineError } from "../errors.js";
import type { IngestMetrics } from "../exporters/ingest-metrics.js";
import type { ContractRegistry } from "../ingest/contract-registry.js";
import type { ReferenceFile, Store } from "../store/store.js";

/** Maps an upload's media type (or `format` query value) to a reference format. */
export function referenceFormat(
  contentType: string | undefined,
  format: string | undefined,
): ReferenceFile["format"] {
  const value = (format ?? contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (value === "csv" || value === "text/csv") return "csv";
  if (
    value === "parquet" ||
    value === "application/vnd.apache.parquet" ||
    value === "application/x-parquet"
  ) {
    return "parquet";
  }
  if (
    value === "ndjson" ||
    value === "jsonl" ||
    value === "application/x-ndjson" ||
    value === "application/jsonl"
  ) {
    return "ndjson";
  }
  throw new SightlineError(
    "SL_UNSUPPORTED_MEDIA_TYPE",
    `reference must be CSV (text/csv), Parquet (application/vnd.apache.parquet) or NDJSON (application/x-ndjson); got '${value || "none"}'`,
    { field: "content-type" },
  );
}

/**
 * Accepts a version's reference data, has the store import and summarise it, and learns the contract
 * every later prediction of that version is checked against.
 */
export class ReferenceService {
  constructor(
    private readonly store: Store,
    private readonly contracts: ContractRegistry,
    private readonly metrics: IngestMetrics | undefined,
    private readonly tmpDir: string,
    private readonly now: () => number,
  ) {}

  async upload(
    model: string,
    version: string,
    body: Buffer,
    format: ReferenceFile["format"],
  ): Promise<Contract> {
    if (body.length === 0) throw new SightlineError("SL_INVALID_REFERENCE", "reference body is empty");
    await mkdir(this.tmpDir, { recursive: true });
    const path = join(this.tmpDir, `${uuidv7()}.${format === "ndjson" ? "jsonl" : format}`);
    await writeFile(path, body);
    try {
      const summaries = await this.store.importReference(model, version, { path, format });
      const rows = summaries[0]?.rows ?? 0;
      if (rows === 0) throw new SightlineError("SL_INVALID_REFERENCE", "reference has no rows");
      const contract = learnContract(model, version, summaries, this.now());
      if (contract.features.length === 0) {
        throw new SightlineError(
          "SL_INVALID_REFERENCE",
          "reference has no feature columns (only prediction/label)",
        );
      }
      await this.store.saveContract(contract);
      this.contracts.set(contract);
      this.metrics?.setContract(contract);
      return contract;
    } finally {
      await rm(path, { force: true });
    }
  }
}
