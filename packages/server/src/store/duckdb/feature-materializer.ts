import { createHash } from "node:crypto";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Contract } from "../../contract/contract.js";
import type { DuckDbDatabase } from "./duckdb-database.js";
import { type TypedColumn, type TypedTable, typedColumns } from "./typed-columns.js";
import { maxTagColumns, type TypedPredictionTable, tagValues } from "./typed-tags.js";
import { columnDefinitions, columnNames, typedValues } from "./typed-values.js";

type Registered = {
  suffix: string;
  columns: TypedColumn[];
  next: number;
  tags: string[];
  tagsComplete: boolean;
};

// The layout of the typed prediction table besides its feature columns, stored with the columns so that a
// table of an older layout (before the tag columns) is rebuilt like one whose features changed.
const layout = "tag-columns";

/**
 * Keeps, per model, the features of its predictions and references in typed columns (DOUBLE and VARCHAR,
 * from the contracts' feature names and types), and the predictions' segment tags in one VARCHAR column per
 * tag key seen (added as keys appear, up to `maxTagColumns`), so window and segment queries read columns
 * instead of parsing JSON.
 * Predictions are copied in rowid order past a watermark (the table is append-only) before a window query
 * reads, so an answer counts every committed row, late ones included, and in the background after a
 * contract is saved (coalesced) and once inserts have paused for `idleMs` (a bulk load is then copied before
 * the first query asks); not after every insert, whose acknowledgements it would slow. The background
 * copies go in steps of `stepRows` rowids, each its own write, and an insert stops them, so ingestion never
 * waits for more than one step. A reference
 * version is copied in that background run or on first use, and forgotten when it is uploaded again. New
 * features in a contract rebuild the model's tables.
 *
 * @example
 * const features = new FeatureMaterializer(db);
 * const typed = await features.predictions("flight-delay"); // caught up; null without a contract
 */
export class FeatureMaterializer {
  private scheduled: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Bumped by every insert: a background copy that sees it change gives way. */
  private inserts = 0;
  private lastInsertMs = 0;

  constructor(
    private readonly db: DuckDbDatabase,
    private readonly delayMs = 1000,
    private readonly idleMs = 2000,
    private readonly stepRows = 200_000,
  ) {}

  /**
   * Notes that predictions were inserted: once no insert has come for `idleMs`, the typed tables are caught
   * up in the background. Costs a counter and a clock read per insert batch.
   */
  noteInsert(): void {
    this.inserts++;
    this.lastInsertMs = performance.now();
    if (this.idleTimer) return;
    const check = () => {
      const idleFor = performance.now() - this.lastInsertMs;
      if (idleFor < this.idleMs) {
        this.idleTimer = setTimeout(check, this.idleMs - idleFor);
        this.idleTimer.unref();
        return;
      }
      this.idleTimer = null;
      const seen = this.inserts;
      // A failure here is retried by the next window query's own catch-up, which reports it.
      this.catchUpAll(() => this.inserts !== seen).catch(() => undefined);
    };
    this.idleTimer = setTimeout(check, this.idleMs);
    this.idleTimer.unref();
  }

  /** The model's typed prediction table, caught up with every committed prediction; null without a contract. */
  predictions(model: string): Promise<TypedPredictionTable | null> {
    return this.db.write(async (conn) => {
      const table = await this.tables(conn, model);
      if (!table) return null;
      await this.catchUp(conn, model, table);
      return {
        table: `typed_predictions_${table.suffix}`,
        columns: table.columns,
        tags: [...table.tags],
        tagsComplete: table.tagsComplete,
      };
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
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.scheduled = null;
    this.idleTimer = null;
  }

  /**
   * Catches every model with a contract up, in steps: its typed predictions, and the typed copy of each
   * reference version not copied yet. Stops between steps once `interrupted` says so.
   */
  async catchUpAll(interrupted: () => boolean = () => false): Promise<void> {
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
    for (const r of models) {
      while (!interrupted() && (await this.copyStep(String(r.model)))) {}
    }
    for (const r of versions) {
      if (interrupted()) return;
      await this.reference(String(r.model), String(r.version));
    }
  }

  // Copies at most `stepRows` rowids past the model's watermark in one write; true while more remain.
  private copyStep(model: string): Promise<boolean> {
    return this.db.write(async (conn) => {
      const table = await this.tables(conn, model);
      if (!table) return false;
      let more = false;
      await this.inTransaction(conn, async () => {
        const endRowid = await this.endRowid(conn);
        const to = Math.min(endRowid, table.next + this.stepRows);
        await this.copyRange(conn, model, table, to);
        more = to < endRowid;
      });
      return more;
    });
  }

  private async endRowid(conn: DuckDBConnection): Promise<number> {
    const [end] = await this.db.run(conn, "SELECT coalesce(max(rowid) + 1, 0) AS end_rowid FROM predictions");
    return Number(end?.end_rowid ?? 0);
  }

  // Copies the model's predictions from its watermark up to rowid `to` (excluded) and moves the watermark,
  // adding a column for each tag key first seen in these rows (no row copied before has it).
  private async copyRange(
    conn: DuckDBConnection,
    model: string,
    table: Registered,
    to: number,
  ): Promise<void> {
    if (to <= table.next) return;
    const name = `typed_predictions_${table.suffix}`;
    const range = [model, table.next, to];
    const seen = await this.db.run(
      conn,
      `SELECT DISTINCT unnest(json_keys(tags)) AS k FROM predictions
       WHERE model = ? AND rowid >= ? AND rowid < ? AND tags IS NOT NULL AND tags <> '{}' ORDER BY k`,
      range,
    );
    for (const key of seen.map((r) => String(r.k))) {
      if (table.tags.includes(key)) continue;
      if (table.tags.length >= maxTagColumns) {
        table.tagsComplete = false;
        continue;
      }
      await this.db.run(conn, `ALTER TABLE ${name} ADD COLUMN g${table.tags.length} VARCHAR`);
      table.tags.push(key);
    }
    const values = typedValues(table.columns);
    const tags = tagValues(table.tags);
    await this.db.run(
      conn,
      `INSERT INTO ${name} (id, ts_ms, version, prediction${columnNames(table.columns)}${tags.names})
       SELECT id, ts_ms, version, json_extract_string(prediction, '$')${values.select}${tags.select}
       FROM ${values.from(tags.from("(SELECT * FROM predictions WHERE model = ? AND rowid >= ? AND rowid < ?)"))}`,
      range,
    );
    table.next = to;
    await this.db.run(
      conn,
      "UPDATE typed_feature_tables SET next_rowid = ?, tags = ?, tags_complete = ? WHERE model = ?",
      [to, JSON.stringify(table.tags), table.tagsComplete, model],
    );
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
    const wanted = JSON.stringify({ layout, columns });
    const [row] = await this.db.run(
      conn,
      "SELECT suffix, columns, next_rowid, tags, tags_complete FROM typed_feature_tables WHERE model = ?",
      [model],
    );
    if (row && row.columns === wanted) {
      return {
        suffix: String(row.suffix),
        columns,
        next: Number(row.next_rowid),
        tags: JSON.parse(String(row.tags)) as string[],
        tagsComplete: row.tags_complete === true,
      };
    }
    const suffix = createHash("sha256").update(model).digest("hex").slice(0, 16);
    const definitions = columnDefinitions(columns)
      .map((d) => `, ${d}`)
      .join("");
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
      await this.db.run(conn, "INSERT OR REPLACE INTO typed_feature_tables VALUES (?, ?, ?, 0, '[]', true)", [
        model,
        suffix,
        wanted,
      ]);
    });
    return { suffix, columns, next: 0, tags: [], tagsComplete: true };
  }

  // Copies the predictions past the watermark before a query reads. A count check guards the watermark:
  // should rowids ever move (they do not in an append-only table), the table is rebuilt rather than left
  // short. The background steps skip it: scanning the model's rows each time would cost more than the copy.
  private async catchUp(conn: DuckDBConnection, model: string, table: Registered): Promise<void> {
    const name = `typed_predictions_${table.suffix}`;
    await this.inTransaction(conn, async () => {
      const endRowid = await this.endRowid(conn);
      await this.copyRange(conn, model, table, endRowid);
      const [counts] = await this.db.run(
        conn,
        `SELECT (SELECT count(*) FROM ${name}) AS typed, (SELECT count(*) FROM predictions WHERE model = ?) AS stored`,
        [model],
      );
      if (Number(counts?.typed) !== Number(counts?.stored)) {
        await this.db.run(conn, `DELETE FROM ${name}`);
        table.next = 0;
        await this.copyRange(conn, model, table, endRowid);
      }
    });
  }
}
