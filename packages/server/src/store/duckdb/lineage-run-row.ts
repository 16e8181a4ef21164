import type { RunStatus } from "../../lineage/run-record.js";
import type { RunRow } from "../lineage-store.js";
import type { Row } from "./duckdb-database.js";

/** The columns of `lineage_runs` a {@link runRow} reads. */
export const runColumns = "id, component, start_ms, end_ms, status";

/**
 * A `lineage_runs` row (selected with {@link runColumns}) as a RunRow.
 *
 * @example
 * (await db.read(`SELECT ${runColumns} FROM lineage_runs LIMIT 1`)).map(runRow);
 */
export function runRow(r: Row): RunRow {
  return {
    id: r.id as string,
    component: r.component as string,
    startMs: r.start_ms as number,
    endMs: (r.end_ms as number | null) ?? null,
    status: r.status as RunStatus,
  };
}

/**
 * `n` comma-separated SQL parameter markers, for `IN (…)` lists (DuckDB serves those from an index).
 *
 * @example
 * placeholders(3); // "?, ?, ?"
 */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}
