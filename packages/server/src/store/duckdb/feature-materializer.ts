import { createHash } from "node:crypto";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Contract } from "../../contract/contract.js";
import { jsonPath } from "./column-reader.js";
import type { DuckDbDatabase } from "./duckdb-database.js";
import { type TypedColumn, type TypedTable, typedColumns } from "./typed-columns.js";

type Registered = { suffix: string; columns: TypedColumn[]; next: number };

function columnDefinitions(columns: readonly TypedColumn[]): string {
  return columns
    .flatMap((c, i) => [...(c.numeric ? [`n${i} DOUBLE`] : []), ...(c.text ? [`t${i} VARCHAR`] : [])])
    .map((d) => `, ${d}`)
    .join("");
}

// The typed values of a relation with a `features` JSON column: one parse per row for every feature, then
// the same TRY_CAST the JSON readers use, so typed and JSON answers agree.
function typedValues(columns: readonly TypedColumn[]): { select: string; from: (rows: string) => string } {
  if (columns.length === 0) return { select: "", from: (rows) => rows };
  const select = columns
    .flatMap((c, i) => [
      ...(c.numeric ? [`TRY_CAST(fv[${i + 1}] AS DOUBLE)`] : []),
      ...(c.text ? [`fv[${i + 1}]`] : []),
    ])
    .map((e) => `, ${e}`)
    .join("");
  const paths = columns.map((c) => jsonPath(c.name)).join(", ");
  return {
    select,
    from: (rows) => `(SELECT *, json_extract_string(features, [${paths}]) AS fv FROM ${rows})`,
  };
}

/**
 * Keeps, per model, the features of its predictions and references in typed columns (DOUBLE and VARCHAR,
 * from the contracts' feature names and types), so window queries read columns instead of parsing JSON.
 * Predictions are copied in rowid order past a watermark (the table is append-only) before a window query
 * reads, so an answer counts every committed row, late ones included, and in the background after a
 * contract is saved (coalesced); not after every insert, whose acknowledgements it would slow. A reference
 * version is copied in that background run or on first use, and forgotten when it is uploaded again. New
 * features in a contract rebuild the model's tables.
 *
 * @example
 * const features = new FeatureMaterializer(db);
 * const typed = await features.predictions("flight-delay"); // caught up; null without a contract
 */
export class FeatureMaterializer {
  private scheduled: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: DuckDbDatabase,
    private readonly delayMs = 1000,
  ) {}

  /** The model's typed prediction table, caught up with every committed prediction; null without a contract. */
  predictions(model: string): Promise<TypedTable | null> {
    return this.copyPredictions(model, true);
  }

  private copyPredictions(model: string, verify: boolean): Promise<TypedTable | null> {
    return this.db.write(async (conn) => {
      const table = await this.tables(conn, model);
      if (!table) return null;
      await this.catchUp(conn, model, table, verify);
      return { table: `typed_predictions_${table.suffix}`, columns: table.columns };
    });
  }

  /** The model's typed reference table with `version` copied in; null without a contract. */
  reference(model: string, version: string): Promise<TypedTable | null> {
    return this.db.write(async (conn) => {
      const table = await this.tables(conn, model);
      if (!table) return null;
      const name = `typed_reference_${table.suffix}`;
      const done = await this.db.run(
        conn,
        "SELECT 1 FROM typed_reference_versions WHERE model = ? AND version = ?",
        [model, version],
      );
      if (done.length === 0) {
        const values = typedValues(table.columns);
        await this.inTransaction(conn, async () => {
          await this.db.run(conn, `DELETE FROM ${name} WHERE version = ?`, [version]);
          await this.db.run(
            conn,
            `INSERT INTO ${name} SELECT version, row_index, json_extract_string(prediction, '$'),
               json_extract_string(label, '$'), json_extract_string(features, '$.timestamp')${values.select}
             FROM ${values.from("reference_rows")} WHERE model = ? AND version = ?`,
            [model, version],
          );
          await this.db.run(conn, "INSERT INTO typed_reference_versions VALUES (?, ?)", [model, version]);
        });
      }
      return { table: name, columns: table.columns };
    });
  }

  /** Marks a reference version as replaced (call inside the write that replaces its rows). */
  async forgetReference(conn: DuckDBConnection, model: string, version: string): Promise<void> {
    await this.db.run(conn, "DELETE FROM typed_reference_versions WHERE model = ? AND version = ?", [
      model,
      version,
    ]);
  }

  /** Catches every typed model up soon, once for any number of calls in between. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = null;
      // A failure here is retried by the next window query's own catch-up, which reports it.
      this.catchUpAll().catch(() => undefined);
    }, this.delayMs);
    this.scheduled.unref();
  }

  /** Stops a scheduled catch-up (the store is closing). */
  cancel(): void {
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = null;
  }

  /**
   * Catches every model with a contract up: its typed predictions, and the typed copy of each reference
   * version not copied yet.
   */
  async catchUpAll(): Promise<void> {
    const versions = await this.db.write((conn) =>
      this.db.run(
        conn,
        `SELECT c.model, c.version FROM contracts c
         WHERE NOT EXISTS (SELECT 1 FROM typed_reference_versions t WHERE t.model = c.model AND t.version = c.version)
           AND EXISTS (SELECT 1 FROM reference_rows r WHERE r.model = c.model AND r.version = c.version)
         ORDER BY 1, 2`,
      ),
    );
    const models = await this.db.write((conn) =>
      this.db.run(conn, "SELECT DISTINCT model FROM contracts ORDER BY model"),
    );
    for (const r of models) await this.copyPredictions(String(r.model), false);
    for (const r of versions) await this.reference(String(r.model), String(r.version));
  }

  private async inTransaction(conn: DuckDBConnection, work: () => Promise<void>): Promise<void> {
    await this.db.run(conn, "BEGIN TRANSACTION");
    try {
      await work();
      await this.db.run(conn, "COMMIT");
    } catch (error) {
      await this.db.run(conn, "ROLLBACK");
      throw error;
    }
  }

  // The model's registered tables, (re)created when its contracts' features changed.
  private async tables(conn: DuckDBConnection, model: string): Promise<Registered | null> {
    const contracts = (
      await this.db.run(conn, "SELECT contract FROM contracts WHERE model = ?", [model])
    ).map((r) => JSON.parse(String(r.contract)) as Contract);
    if (contracts.length === 0) return null;
    const columns = typedColumns(contracts);
    const wanted = JSON.stringify(columns);
    const [row] = await this.db.run(
      conn,
      "SELECT suffix, columns, next_rowid FROM typed_feature_tables WHERE model = ?",
      [model],
    );
    if (row && row.columns === wanted) {
      return { suffix: String(row.suffix), columns, next: Number(row.next_rowid) };
    }
    const suffix = createHash("sha256").update(model).digest("hex").slice(0, 16);
    const definitions = columnDefinitions(columns);
    await this.inTransaction(conn, async () => {
      await this.db.run(conn, `DROP TABLE IF EXISTS typed_predictions_${suffix}`);
      await this.db.run(conn, `DROP TABLE IF EXISTS typed_reference_${suffix}`);
      await this.db.run(
        conn,
        `CREATE TABLE typed_predictions_${suffix} (id VARCHAR, ts_ms BIGINT, version VARCHAR, prediction VARCHAR${definitions})`,
      );
      await this.db.run(
        conn,
        `CREATE TABLE typed_reference_${suffix} (version VARCHAR, row_index BIGINT, prediction VARCHAR, label VARCHAR, ts_text VARCHAR${definitions})`,
      );
      await this.db.run(conn, "DELETE FROM typed_reference_versions WHERE model = ?", [model]);
      await this.db.run(conn, "INSERT OR REPLACE INTO typed_feature_tables VALUES (?, ?, ?, 0)", [
        model,
        suffix,
        wanted,
      ]);
    });
    return { suffix, columns, next: 0 };
  }

  // Copies the predictions past the watermark. With `verify` (before a query reads) a count check guards the
  // watermark: should rowids ever move (they do not in an append-only table), the table is rebuilt rather
  // than left short. The background copy skips it: scanning the model's rows after every batch cost more
  // than the copy.
  private async catchUp(
    conn: DuckDBConnection,
    model: string,
    table: Registered,
    verify: boolean,
  ): Promise<void> {
    const name = `typed_predictions_${table.suffix}`;
    const values = typedValues(table.columns);
    await this.inTransaction(conn, async () => {
      const [end] = await this.db.run(
        conn,
        "SELECT coalesce(max(rowid) + 1, 0) AS end_rowid FROM predictions",
      );
      const endRowid = Number(end?.end_rowid ?? 0);
      if (endRowid > table.next) {
        await this.db.run(
          conn,
          `INSERT INTO ${name} SELECT id, ts_ms, version, json_extract_string(prediction, '$')${values.select}
           FROM ${values.from("(SELECT * FROM predictions WHERE model = ? AND rowid >= ? AND rowid < ?)")}`,
          [model, table.next, endRowid],
        );
        await this.db.run(conn, "UPDATE typed_feature_tables SET next_rowid = ? WHERE model = ?", [
          endRowid,
          model,
        ]);
      }
      if (!verify) return;
      const [counts] = await this.db.run(
        conn,
        `SELECT (SELECT count(*) FROM ${name}) AS typed, (SELECT count(*) FROM predictions WHERE model = ?) AS stored`,
        [model],
      );
      if (Number(counts?.typed) !== Number(counts?.stored)) {
        await this.db.run(conn, `DELETE FROM ${name}`);
        await this.db.run(
          conn,
          `INSERT INTO ${name} SELECT id, ts_ms, version, json_extract_string(prediction, '$')${values.select}
           FROM ${values.from("(SELECT * FROM predictions WHERE model = ? AND rowid < ?)")}`,
          [model, endRowid],
        );
      }
    });
  }
}
