import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { StoreQueryError } from "../../errors.js";
import type { LabelRow } from "../../ingest/prediction-row.js";
import type { DuckDbDatabase } from "./duckdb-database.js";
import { appendKept, appendNumber } from "./kept-appender.js";

// Column order of the labels table (migration 1).
function appendRow(appender: DuckDBAppender, r: LabelRow): void {
  appender.appendVarchar(r.model);
  appender.appendVarchar(r.id);
  appender.appendVarchar(r.labelJson);
  appendNumber(appender, r.labelNum);
  appender.appendBigInt(BigInt(r.tsMs));
  appender.appendBigInt(BigInt(r.receivedMs));
  appender.endRow();
}

// The last label of each (model, id) in the batch: last write wins within a batch as across batches.
function lastOccurrences(rows: readonly LabelRow[]): LabelRow[] {
  const latest = new Map<string, LabelRow>();
  for (const r of rows) latest.set(`${r.model}\u0000${r.id}`, r);
  return [...latest.values()];
}

/**
 * Stores labels, replacing any stored label of the same (model, id), in one committed transaction.
 *
 * Fast path: a batch of ids never labelled before is appended straight into the keyed `labels` table (its
 * flush commits). If any id already has a label (a correction, a re-send), the key fails the whole flush,
 * nothing of it is kept, and the batch goes through a temp staging table and `INSERT OR REPLACE`. A
 * multi-row `INSERT ... VALUES (?, ...)` statement, as before, cost about 75 µs a label: binding thousands of
 * parameters, not storing them, dominated.
 *
 * @example
 * await db.write((conn) => upsertLabels(db, conn, rows));
 */
export async function upsertLabels(
  db: DuckDbDatabase,
  conn: DuckDBConnection,
  rows: readonly LabelRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const latest = lastOccurrences(rows);
  try {
    await appendKept(conn, "labels", latest, appendRow);
    return;
  } catch {
    // Most often a label already stored for one of the ids; any other failure shows again, and is reported,
    // on the slow path.
  }
  try {
    await appendKept(conn, "labels_staging", latest, appendRow, "temp");
  } catch (error) {
    await db.run(conn, "DELETE FROM labels_staging");
    throw new StoreQueryError("APPEND labels_staging", error);
  }
  try {
    await db.run(conn, "INSERT OR REPLACE INTO labels SELECT * FROM labels_staging");
  } finally {
    await db.run(conn, "DELETE FROM labels_staging");
  }
}
