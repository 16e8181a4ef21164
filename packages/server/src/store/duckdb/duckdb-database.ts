import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { SightlineError, StoreQueryError } from "../../errors.js";
import { duckdbMigrations } from "./migrations.js";

/** One result row, with BIGINTs turned into numbers. */
export type Row = Record<string, unknown>;

// DuckDB hands BIGINT back as bigint; our times and counts fit in a double.
function plain(row: Row): Row {
  for (const key in row) if (typeof row[key] === "bigint") row[key] = Number(row[key]);
  return row;
}

/** Quotes a string as a SQL literal (for places DuckDB takes no parameter, e.g. file paths). */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * One DuckDB file shared by every feature store (predictions, lineage, registry, engine): a writer
 * connection used by one operation at a time (DuckDB has a single writer; an appender and a statement
 * must not interleave) and a reader connection for queries.
 *
 * @example
 * const db = await DuckDbDatabase.open(".sightline");
 * const rows = await db.read("SELECT count(*) AS n FROM predictions");
 * await db.write((conn) => db.run(conn, "DELETE FROM labels WHERE model = ?", ["m"]));
 */
export class DuckDbDatabase {
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly writer: DuckDBConnection,
    readonly reader: DuckDBConnection,
    readonly path: string,
  ) {}

  /** Opens (creating if needed) `<dataDir>/sightline.duckdb` and applies pending migrations. */
  static async open(dataDir: string): Promise<DuckDbDatabase> {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, "sightline.duckdb");
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (error) {
      // The reason matters to an operator: most often another server holds the file's lock.
      const reason = error instanceof Error ? error.message : String(error);
      throw new SightlineError("SL_STORE_ERROR", `cannot open DuckDB file ${path}: ${reason}`, undefined, {
        cause: error,
      });
    }
    const writer = await instance.connect();
    const reader = await instance.connect();
    const db = new DuckDbDatabase(instance, writer, reader, path);
    await db.migrate();
    return db;
  }

  /** Runs `operation` with the writer connection once every earlier write has finished. */
  write<T>(operation: (writer: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = () => operation(this.writer);
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Runs `operation` in one transaction on the writer connection, rolled back if it throws. */
  transaction<T>(operation: (writer: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.write(async (conn) => {
      await this.run(conn, "BEGIN TRANSACTION");
      try {
        const result = await operation(conn);
        await this.run(conn, "COMMIT");
        return result;
      } catch (error) {
        await this.run(conn, "ROLLBACK");
        throw error;
      }
    });
  }

  /** A query on the reader connection. */
  read(sql: string, params?: unknown[]): Promise<Row[]> {
    return this.run(this.reader, sql, params);
  }

  /** Runs one statement on `conn` and returns its rows; failures carry the statement. */
  async run(conn: DuckDBConnection, sql: string, params?: unknown[]): Promise<Row[]> {
    try {
      const reader = await conn.runAndReadAll(sql, params as never);
      return reader.getRowObjectsJS().map((r) => plain(r as Row));
    } catch (error) {
      throw new StoreQueryError(sql, error);
    }
  }

  private async migrate(): Promise<void> {
    await this.run(
      this.writer,
      "CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name VARCHAR, applied_ms BIGINT)",
    );
    const applied = new Set(
      (await this.run(this.writer, "SELECT id FROM schema_migrations")).map((r) => r.id),
    );
    for (const m of duckdbMigrations) {
      if (applied.has(m.id)) continue;
      await this.run(this.writer, "BEGIN TRANSACTION");
      try {
        await this.run(this.writer, m.sql);
        await this.run(this.writer, "INSERT INTO schema_migrations VALUES (?, ?, ?)", [
          m.id,
          m.name,
          Date.now(),
        ]);
        await this.run(this.writer, "COMMIT");
      } catch (error) {
        await this.run(this.writer, "ROLLBACK");
        throw error;
      }
    }
  }

  close(): void {
    this.writer.closeSync();
    this.reader.closeSync();
    this.instance.closeSync();
  }
}
