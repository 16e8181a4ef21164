import type { DuckDBConnection } from "@duckdb/node-api";
import type { ArtifactKind } from "../../lineage/artifact.js";
import type { RunRecord, RunStatus } from "../../lineage/run-record.js";
import type { ResolvedInput, StoredRun } from "../lineage-store.js";
import type { DuckDbDatabase, Row } from "./duckdb-database.js";

// DuckDB uses an index only for a lone equality on the indexed column: fetch an artifact's rows through the
// index first (MATERIALIZED keeps the other filters from being pushed into that scan), then filter them.
export const writersOf = "WITH w AS MATERIALIZED (SELECT * FROM lineage_run_artifacts WHERE artifact = ?)";

function json<T>(value: unknown): T | null {
  return value === null || value === undefined ? null : (JSON.parse(value as string) as T);
}

/**
 * Reads a run with its artifacts on `conn` (the writer inside a transaction, or the reader).
 *
 * @example
 * const run = await readLineageRun(db, db.reader, "r1");
 */
export async function readLineageRun(
  db: DuckDbDatabase,
  conn: DuckDBConnection,
  id: string,
): Promise<StoredRun | undefined> {
  const rows = await db.run(conn, "SELECT * FROM lineage_runs WHERE id = ?", [id]);
  const r = rows[0];
  if (!r) return undefined;
  const artifacts = await db.run(conn, "SELECT * FROM lineage_run_artifacts WHERE run_id = ?", [id]);
  artifacts.sort((a, b) => (a.position as number) - (b.position as number));
  const ref = (a: Row) => ({
    name: a.artifact as string,
    hash: (a.hash as string | null) ?? null,
    kind: a.kind as ArtifactKind,
  });
  return {
    id: r.id as string,
    component: r.component as string,
    startMs: r.start_ms as number,
    endMs: (r.end_ms as number | null) ?? null,
    status: r.status as RunStatus,
    error: (r.error as string | null) ?? null,
    inputs: artifacts
      .filter((a) => a.direction === "input")
      .map((a) => ({ ...ref(a), producer: (a.producer_run as string | null) ?? null })),
    outputs: artifacts.filter((a) => a.direction === "output").map(ref),
    codeSnapshot: (r.code_snapshot as string | null) ?? null,
    codeHash: (r.code_hash as string | null) ?? null,
    gitCommit: (r.git_commit as string | null) ?? null,
    params: json<Record<string, unknown>>(r.params),
    metrics: json<Record<string, number>>(r.metrics),
    notes: (r.notes as string | null) ?? null,
    receivedMs: r.received_ms as number,
  };
}

/**
 * Stores a run in one transaction: merges it with the stored one, creates its component, and resolves each
 * input to the latest run that wrote it (same content when a hash is given) and whose outputs were available
 * when this run started; ties on start time break by id, so two runs can never depend on each other.
 *
 * @example
 * await saveLineageRun(db, "r1", (existing) => mergeRun(existing, input, "r1"), {}, Date.now());
 */
export function saveLineageRun(
  db: DuckDbDatabase,
  id: string,
  merge: (existing: RunRecord | undefined) => RunRecord,
  component: { description?: string | null; owner?: string | null; tags?: Record<string, string> },
  nowMs: number,
): Promise<StoredRun> {
  return db.transaction(async (conn) => {
    const existing = await readLineageRun(db, conn, id);
    const run = merge(existing);
    await db.run(
      conn,
      "INSERT INTO lineage_components VALUES (?, NULL, NULL, '{}', ?, ?) ON CONFLICT (name) DO NOTHING",
      [run.component, nowMs, nowMs],
    );
    const sets: string[] = [];
    const values: unknown[] = [];
    const set = (column: string, value: unknown) => {
      sets.push(`${column} = ?`);
      values.push(value);
    };
    if (component.description !== undefined) set("description", component.description);
    if (component.owner !== undefined) set("owner", component.owner);
    if (component.tags !== undefined) set("tags", JSON.stringify(component.tags));
    if (sets.length > 0) {
      await db.run(conn, `UPDATE lineage_components SET ${sets.join(", ")}, updated_ms = ? WHERE name = ?`, [
        ...values,
        nowMs,
        run.component,
      ]);
    }
    if (existing) {
      await db.run(conn, "DELETE FROM lineage_run_artifacts WHERE run_id = ?", [id]);
      await db.run(conn, "DELETE FROM lineage_runs WHERE id = ?", [id]);
    }
    const availableMs = run.endMs ?? run.startMs;
    await db.run(conn, "INSERT INTO lineage_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
      run.id,
      run.component,
      run.startMs,
      run.endMs,
      availableMs,
      run.status,
      run.error,
      run.codeSnapshot,
      run.codeHash,
      run.gitCommit,
      run.params === null ? null : JSON.stringify(run.params),
      run.metrics === null ? null : JSON.stringify(run.metrics),
      run.notes,
      existing?.receivedMs ?? nowMs,
    ]);
    const inputs: ResolvedInput[] = [];
    for (const input of run.inputs) {
      // The latest run that wrote this artifact (same content when a hash is given) and whose outputs were
      // available when this run started; ties on start time break by id, so two runs can never depend on
      // each other.
      const rows = await db.run(
        conn,
        `${writersOf}
         SELECT run_id FROM w
         WHERE direction = 'output' AND (?::VARCHAR IS NULL OR hash = ?) AND run_id <> ?
           AND run_available_ms <= ? AND (run_start_ms < ? OR (run_start_ms = ? AND run_id < ?))
         ORDER BY run_available_ms DESC, run_start_ms DESC, run_id DESC LIMIT 1`,
        [input.name, input.hash, input.hash, id, run.startMs, run.startMs, run.startMs, id],
      );
      inputs.push({ ...input, producer: (rows[0]?.run_id as string | undefined) ?? null });
    }
    const tuples: string[] = [];
    const params: unknown[] = [];
    inputs.forEach((a, i) => {
      tuples.push("(?, 'input', ?, ?, ?, ?, ?, ?, ?)");
      params.push(id, i, a.name, a.hash, a.kind, a.producer, run.startMs, availableMs);
    });
    run.outputs.forEach((a, i) => {
      tuples.push("(?, 'output', ?, ?, ?, ?, NULL, ?, ?)");
      params.push(id, i, a.name, a.hash, a.kind, run.startMs, availableMs);
    });
    if (tuples.length > 0) {
      await db.run(conn, `INSERT INTO lineage_run_artifacts VALUES ${tuples.join(", ")}`, params);
    }
    return { ...run, inputs, receivedMs: existing?.receivedMs ?? nowMs };
  });
}
