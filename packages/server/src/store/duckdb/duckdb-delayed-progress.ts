import type { DelayedProgress, DelayedProgressUpdate } from "../alert-store.js";
import type { DuckDbDatabase } from "./duckdb-database.js";

/**
 * The stored progress of a model's delayed (performance) monitors for one window size: per monitor the end
 * of the last window judged for the first time, and the windows judged while short of labels (migration 9).
 *
 * @example
 * const { judgedToMs, pending } = await readDelayedProgress(db, "churn", 86_400_000);
 */
export async function readDelayedProgress(
  db: DuckDbDatabase,
  model: string,
  windowMs: number,
): Promise<DelayedProgress> {
  const judged = await db.read(
    "SELECT monitor, judged_to_ms FROM monitor_judged WHERE model = ? AND window_ms = ?",
    [model, windowMs],
  );
  const pending = await db.read(
    `SELECT monitor, from_ms FROM monitor_pending_windows WHERE model = ? AND window_ms = ?
     ORDER BY from_ms, monitor`,
    [model, windowMs],
  );
  return {
    judgedToMs: new Map(judged.map((r) => [r.monitor as string, Number(r.judged_to_ms)])),
    pending: pending.map((r) => ({ monitor: r.monitor as string, fromMs: Number(r.from_ms) })),
  };
}

/**
 * Saves a step of delayed monitors' progress in one transaction: new first-judgment ends, pending windows
 * added and removed.
 *
 * @example
 * await writeDelayedProgress(db, "churn", 86_400_000, { judgedToMs, add, remove });
 */
export function writeDelayedProgress(
  db: DuckDbDatabase,
  model: string,
  windowMs: number,
  update: DelayedProgressUpdate,
): Promise<void> {
  if (update.judgedToMs.size === 0 && update.add.length === 0 && update.remove.length === 0) {
    return Promise.resolve();
  }
  return db.transaction(async (conn) => {
    for (const [monitor, judgedToMs] of update.judgedToMs) {
      await db.run(conn, "INSERT OR REPLACE INTO monitor_judged VALUES (?, ?, ?, ?)", [
        model,
        windowMs,
        monitor,
        judgedToMs,
      ]);
    }
    for (const p of update.remove) {
      await db.run(
        conn,
        "DELETE FROM monitor_pending_windows WHERE model = ? AND window_ms = ? AND monitor = ? AND from_ms = ?",
        [model, windowMs, p.monitor, p.fromMs],
      );
    }
    for (const p of update.add) {
      await db.run(conn, "INSERT OR IGNORE INTO monitor_pending_windows VALUES (?, ?, ?, ?)", [
        model,
        windowMs,
        p.monitor,
        p.fromMs,
      ]);
    }
  });
}
