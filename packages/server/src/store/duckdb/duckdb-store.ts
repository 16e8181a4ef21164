import type { DuckDBConnection } from "@duckdb/node-api";
import type { Contract } from "../../contract/contract.js";
import type { ColumnSummary } from "../../contract/learn-contract.js";
import { SightlineError } from "../../errors.js";
import type { LabelRow, PredictionRow } from "../../ingest/prediction-row.js";
import type { AlertStore } from "../alert-store.js";
import type { LineageStore } from "../lineage-store.js";
import type { PerformanceStore } from "../performance-store.js";
import type { RegistryStore } from "../registry-store.js";
import type { SegmentStore } from "../segment-store.js";
import type { SpanStore } from "../span-store.js";
import type { ModelSummary, ReferenceFile, Store, StoredPrediction, ViolationCount } from "../store.js";
import type { WindowStore } from "../window-store.js";
import { DuckDbAlertStore } from "./duckdb-alert-store.js";
import { DuckDbDatabase, quoteLiteral, type Row } from "./duckdb-database.js";
import { DuckDbLineageStore } from "./duckdb-lineage-store.js";
import { DuckDbPerformanceStore } from "./duckdb-performance-store.js";
import { DuckDbRegistryStore } from "./duckdb-registry-store.js";
import { DuckDbSegmentStore } from "./duckdb-segment-store.js";
import { DuckDbSpanStore } from "./duckdb-span-store.js";
import { DuckDbWindowStore } from "./duckdb-window-store.js";
import { FeatureMaterializer } from "./feature-materializer.js";
import { insertPredictions } from "./insert-predictions.js";
import { summarizeReference } from "./reference-summary.js";
import { upsertLabels } from "./upsert-labels.js";

/**
 * The embedded engine: one DuckDB file in the data directory. Writes go through one connection in order
 * (DuckDB has a single writer); each write is one committed transaction, so it is in the WAL on return.
 */
export class DuckDbStore implements Store {
  readonly engine = "duckdb";
  readonly registry: RegistryStore;
  readonly lineage: LineageStore;
  readonly spans: SpanStore;
  readonly alerts: AlertStore;
  readonly performance: PerformanceStore;
  readonly windows: WindowStore;
  readonly segments: SegmentStore;
  /** Typed copies of the features that window queries read (caught up before each). */
  readonly features: FeatureMaterializer;
  private constructor(readonly db: DuckDbDatabase) {
    this.features = new FeatureMaterializer(db);
    this.registry = new DuckDbRegistryStore(db);
    this.lineage = new DuckDbLineageStore(db);
    this.spans = new DuckDbSpanStore(db);
    this.alerts = new DuckDbAlertStore(db);
    this.performance = new DuckDbPerformanceStore(db);
    this.windows = new DuckDbWindowStore(db, this.features);
    this.segments = new DuckDbSegmentStore(db, this.features);
  }

  /** Opens (creating if needed) `<dataDir>/sightline.duckdb` and applies pending migrations. */
  static async open(dataDir: string): Promise<DuckDbStore> {
    const db = await DuckDbDatabase.open(dataDir);
    await db.run(
      db.writer,
      "CREATE TEMP TABLE IF NOT EXISTS predictions_staging AS SELECT * FROM predictions WITH NO DATA",
    );
    await db.run(
      db.writer,
      "CREATE TEMP TABLE IF NOT EXISTS labels_staging AS SELECT * FROM labels WITH NO DATA",
    );
    return new DuckDbStore(db);
  }

  get path(): string {
    return this.db.path;
  }

  private get writer(): DuckDBConnection {
    return this.db.writer;
  }

  private get reader(): DuckDBConnection {
    return this.db.reader;
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    return this.db.write(operation);
  }

  private run(conn: DuckDBConnection, sql: string, params?: unknown[]): Promise<Row[]> {
    return this.db.run(conn, sql, params);
  }

  // The typed feature copy does not run after each insert: measured on bench/ingest.bench.js with a
  // contract, a background copy after every batch cost ~8 us of server CPU per record (and held the writer
  // between acknowledgements). Window queries catch it up on demand, and the materializer copies once
  // inserts pause (a bulk load is then typed before the first query).
  insertPredictions(rows: readonly PredictionRow[]): Promise<Set<string>> {
    this.features.noteInsert();
    return this.exclusive(() => this.insertPredictionsNow(rows));
  }

  private insertPredictionsNow(rows: readonly PredictionRow[]): Promise<Set<string>> {
    return insertPredictions(this.db, this.writer, rows);
  }

  upsertLabels(rows: readonly LabelRow[]): Promise<void> {
    return this.exclusive(() => upsertLabels(this.db, this.writer, rows));
  }

  importReference(model: string, version: string, file: ReferenceFile): Promise<ColumnSummary[]> {
    return this.exclusive(() => this.importReferenceNow(model, version, file));
  }

  private async importReferenceNow(
    model: string,
    version: string,
    file: ReferenceFile,
  ): Promise<ColumnSummary[]> {
    const path = quoteLiteral(file.path);
    const source =
      file.format === "csv"
        ? `read_csv(${path}, header = true, auto_detect = true)`
        : file.format === "parquet"
          ? `read_parquet(${path})`
          : `read_json(${path}, format = 'newline_delimited')`;
    try {
      await this.writer.run(`CREATE OR REPLACE TEMP TABLE reference_import AS SELECT * FROM ${source}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SightlineError("SL_INVALID_REFERENCE", `cannot read the ${file.format} reference: ${reason}`);
    }
    const summaries = await summarizeReference(
      (sql, params) => this.run(this.writer, sql, params),
      "reference_import",
    );
    const featureColumns = summaries.filter((s) => s.name !== "prediction" && s.name !== "label");
    const hasPrediction = summaries.some((s) => s.name === "prediction");
    const hasLabel = summaries.some((s) => s.name === "label");
    const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const featuresJson =
      featureColumns.length === 0
        ? "'{}'"
        : `json_object(${featureColumns.map((c) => `${quoteLiteral(c.name)}, ${ident(c.name)}`).join(", ")})::VARCHAR`;
    await this.run(this.writer, "BEGIN TRANSACTION");
    try {
      await this.run(this.writer, "DELETE FROM reference_rows WHERE model = ? AND version = ?", [
        model,
        version,
      ]);
      await this.run(
        this.writer,
        `INSERT INTO reference_rows
         SELECT ?, ?, row_number() OVER () - 1, ${featuresJson},
                ${hasPrediction ? "to_json(prediction)::VARCHAR" : "NULL"}, ${hasLabel ? "to_json(label)::VARCHAR" : "NULL"}
         FROM reference_import`,
        [model, version],
      );
      await this.features.forgetReference(this.writer, model, version);
      await this.run(this.writer, "COMMIT");
    } catch (error) {
      await this.run(this.writer, "ROLLBACK");
      throw error;
    } finally {
      await this.run(this.writer, "DROP TABLE IF EXISTS reference_import");
    }
    return summaries;
  }

  async saveContract(contract: Contract): Promise<void> {
    await this.exclusive(() => this.saveContractNow(contract));
    // A new contract may add typed columns, and its reference gets a typed copy: both in the background.
    this.features.schedule();
  }

  private async saveContractNow(contract: Contract): Promise<void> {
    await this.run(this.writer, "INSERT OR REPLACE INTO contracts VALUES (?, ?, ?, ?)", [
      contract.model,
      contract.version,
      JSON.stringify(contract),
      contract.createdMs,
    ]);
  }

  async getContract(model: string, version: string): Promise<Contract | undefined> {
    const rows = await this.run(
      this.reader,
      "SELECT contract FROM contracts WHERE model = ? AND version = ?",
      [model, version],
    );
    return rows[0] ? (JSON.parse(rows[0].contract as string) as Contract) : undefined;
  }

  async listContracts(): Promise<Contract[]> {
    const rows = await this.run(this.reader, "SELECT contract FROM contracts ORDER BY model, version");
    return rows.map((r) => JSON.parse(r.contract as string) as Contract);
  }

  async getPrediction(model: string, id: string): Promise<StoredPrediction | undefined> {
    const rows = await this.run(
      this.reader,
      `SELECT p.*, l.label AS label_value, l.ts_ms AS label_ts_ms
       FROM predictions p LEFT JOIN labels l ON l.model = p.model AND l.id = p.id
       WHERE p.model = ? AND p.id = ?`,
      [model, id],
    );
    const r = rows[0];
    if (!r) return undefined;
    const json = (v: unknown) => (v === null || v === undefined ? null : JSON.parse(v as string));
    return {
      id: r.id as string,
      model: r.model as string,
      version: r.version as string,
      timestamp: new Date(r.ts_ms as number).toISOString(),
      features: json(r.features),
      prediction: json(r.prediction),
      scores: json(r.scores),
      latency_ms: (r.latency_ms as number | null) ?? null,
      error: (r.error as string | null) ?? null,
      trace_id: (r.trace_id as string | null) ?? null,
      run_id: (r.run_id as string | null) ?? null,
      tags: json(r.tags),
      violations: json(r.violations) ?? [],
      label: json(r.label_value),
      label_timestamp: r.label_ts_ms === null ? null : new Date(r.label_ts_ms as number).toISOString(),
    };
  }

  async listModels(): Promise<ModelSummary[]> {
    const rows = await this.run(
      this.reader,
      `WITH p AS (
         SELECT model, count(*) AS predictions, list(DISTINCT version ORDER BY version) AS versions,
                min(ts_ms) AS first_ms, max(ts_ms) AS last_ms
         FROM predictions GROUP BY model),
       l AS (SELECT model, count(*) AS labels FROM labels GROUP BY model),
       c AS (SELECT model, list(DISTINCT version ORDER BY version) AS versions FROM contracts GROUP BY model)
       SELECT coalesce(p.model, l.model, c.model) AS model, coalesce(p.predictions, 0) AS predictions,
              coalesce(l.labels, 0) AS labels, list_distinct(list_concat(coalesce(p.versions, []), coalesce(c.versions, []))) AS versions,
              p.first_ms, p.last_ms
       FROM p FULL JOIN l ON l.model = p.model FULL JOIN c ON c.model = coalesce(p.model, l.model)
       ORDER BY 1`,
    );
    return rows.map((r) => ({
      model: r.model as string,
      predictions: r.predictions as number,
      labels: r.labels as number,
      versions: [...(r.versions as string[])].sort(),
      first_timestamp: r.first_ms === null ? null : new Date(r.first_ms as number).toISOString(),
      last_timestamp: r.last_ms === null ? null : new Date(r.last_ms as number).toISOString(),
    }));
  }

  async countViolations(model: string): Promise<ViolationCount[]> {
    const rows = await this.run(
      this.reader,
      `SELECT version, v ->> 'field' AS field, v ->> 'kind' AS kind, count(*) AS count
       FROM (SELECT version, unnest(CAST(violations AS JSON[])) AS v
             FROM predictions WHERE model = ? AND violation_count > 0)
       GROUP BY ALL ORDER BY count DESC, field, kind`,
      [model],
    );
    return rows as unknown as ViolationCount[];
  }

  checkWritable(): Promise<void> {
    return this.exclusive(() => this.checkWritableNow());
  }

  private async checkWritableNow(): Promise<void> {
    await this.run(this.writer, "INSERT OR REPLACE INTO health VALUES (1, ?)", [Date.now()]);
  }

  async close(): Promise<void> {
    this.features.cancel();
    // Let queued writes finish before the connections go.
    await this.db.write(async () => undefined);
    this.db.close();
  }
}
