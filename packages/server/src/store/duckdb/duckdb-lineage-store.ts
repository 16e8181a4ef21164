import type { DuckDBConnection } from "@duckdb/node-api";
import { type ArtifactKind, parseModelVersionArtifact } from "../../lineage/artifact.js";
import type { ComponentRecord, RunRecord, RunStatus } from "../../lineage/run-record.js";
import type { DependencyFact } from "../../lineage/staleness.js";
import type { GraphRun } from "../../lineage/trace-tree.js";
import type {
  ComponentSummary,
  FlagRow,
  FlagTarget,
  ImpactRows,
  ImpactSeed,
  LineageStore,
  PredictionLink,
  ResolvedInput,
  ReviewRow,
  RunQuery,
  RunRow,
  StoredRun,
} from "../lineage-store.js";
import type { DuckDbDatabase, Row } from "./duckdb-database.js";

const runColumns = "id, component, start_ms, end_ms, status";

// DuckDB uses an index only for a lone equality on the indexed column: fetch an artifact's rows through the
// index first (MATERIALIZED keeps the other filters from being pushed into that scan), then filter them.
const writersOf = "WITH w AS MATERIALIZED (SELECT * FROM lineage_run_artifacts WHERE artifact = ?)";

function runRow(r: Row): RunRow {
  return {
    id: r.id as string,
    component: r.component as string,
    startMs: r.start_ms as number,
    endMs: (r.end_ms as number | null) ?? null,
    status: r.status as RunStatus,
  };
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}

function json<T>(value: unknown): T | null {
  return value === null || value === undefined ? null : (JSON.parse(value as string) as T);
}

function flagKey(target: FlagTarget): string {
  return "artifact" in target
    ? `artifact:${target.artifact}`
    : `prediction:${target.model}/${target.prediction}`;
}

function componentSummary(r: Row): ComponentSummary {
  return {
    name: r.name as string,
    description: (r.description as string | null) ?? null,
    owner: (r.owner as string | null) ?? null,
    tags: json<Record<string, string>>(r.tags) ?? {},
    runs: r.runs as number,
    lastStartMs: (r.last_start_ms as number | null) ?? null,
    createdMs: r.created_ms as number,
  };
}

/**
 * Lineage on the shared DuckDB file: `lineage_components`, `lineage_runs`, `lineage_run_artifacts` (inputs
 * and outputs; an input row holds the run it resolved to, so traces walk an index, never a scan) and
 * `lineage_flags`.
 *
 * @example
 * const lineage = new DuckDbLineageStore(db);
 * const run = await lineage.getRun("0190a5d2-…");
 */
export class DuckDbLineageStore implements LineageStore {
  private runIdColumn: boolean | undefined;

  constructor(private readonly db: DuckDbDatabase) {}

  upsertComponent(component: ComponentRecord, nowMs: number): Promise<void> {
    return this.db.write(async (conn) => {
      await this.db.run(
        conn,
        `INSERT INTO lineage_components VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET description = excluded.description, owner = excluded.owner,
           tags = excluded.tags, updated_ms = excluded.updated_ms`,
        [
          component.name,
          component.description,
          component.owner,
          JSON.stringify(component.tags),
          nowMs,
          nowMs,
        ],
      );
    });
  }

  saveRun(
    id: string,
    merge: (existing: RunRecord | undefined) => RunRecord,
    component: { description?: string | null; owner?: string | null; tags?: Record<string, string> },
    nowMs: number,
  ): Promise<StoredRun> {
    return this.db.transaction(async (conn) => {
      const existing = await this.readRun(conn, id);
      const run = merge(existing);
      await this.db.run(
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
        await this.db.run(
          conn,
          `UPDATE lineage_components SET ${sets.join(", ")}, updated_ms = ? WHERE name = ?`,
          [...values, nowMs, run.component],
        );
      }
      if (existing) {
        await this.db.run(conn, "DELETE FROM lineage_run_artifacts WHERE run_id = ?", [id]);
        await this.db.run(conn, "DELETE FROM lineage_runs WHERE id = ?", [id]);
      }
      const availableMs = run.endMs ?? run.startMs;
      await this.db.run(conn, "INSERT INTO lineage_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
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
        const rows = await this.db.run(
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
        await this.db.run(conn, `INSERT INTO lineage_run_artifacts VALUES ${tuples.join(", ")}`, params);
      }
      return { ...run, inputs, receivedMs: existing?.receivedMs ?? nowMs };
    });
  }

  private async readRun(conn: DuckDBConnection, id: string): Promise<StoredRun | undefined> {
    const rows = await this.db.run(conn, "SELECT * FROM lineage_runs WHERE id = ?", [id]);
    const r = rows[0];
    if (!r) return undefined;
    const artifacts = await this.db.run(conn, "SELECT * FROM lineage_run_artifacts WHERE run_id = ?", [id]);
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

  getRun(id: string): Promise<StoredRun | undefined> {
    return this.readRun(this.db.reader, id);
  }

  async getRunGraph(ids: readonly string[]): Promise<Map<string, Omit<GraphRun, "stale">>> {
    const graph = new Map<string, Omit<GraphRun, "stale">>();
    if (ids.length === 0) return graph;
    const runs = await this.db.read(
      `SELECT ${runColumns} FROM lineage_runs WHERE id IN (${placeholders(ids.length)})`,
      [...ids],
    );
    for (const r of runs) {
      const row = runRow(r);
      graph.set(row.id, {
        run: {
          id: row.id,
          component: row.component,
          start_time: new Date(row.startMs).toISOString(),
          end_time: row.endMs === null ? null : new Date(row.endMs).toISOString(),
          status: row.status,
        },
        inputs: [],
      });
    }
    const inputs = await this.db.read(
      `SELECT run_id, direction, position, artifact, hash, kind, producer_run FROM lineage_run_artifacts
       WHERE run_id IN (${placeholders(ids.length)})`,
      [...ids],
    );
    inputs.sort((a, b) => (a.position as number) - (b.position as number));
    for (const a of inputs) {
      if (a.direction !== "input") continue;
      graph.get(a.run_id as string)?.inputs.push({
        name: a.artifact as string,
        hash: (a.hash as string | null) ?? null,
        kind: a.kind as ArtifactKind,
        producer: (a.producer_run as string | null) ?? null,
      });
    }
    return graph;
  }

  async dependencyFacts(runIds: readonly string[]): Promise<DependencyFact[]> {
    if (runIds.length === 0) return [];
    const edges = await this.db.read(
      `SELECT run_id, direction, producer_run FROM lineage_run_artifacts WHERE run_id IN (${placeholders(runIds.length)})`,
      [...runIds],
    );
    const pairs = new Map<string, { runId: string; dependencyId: string }>();
    for (const e of edges) {
      if (e.direction !== "input" || e.producer_run === null) continue;
      const runId = e.run_id as string;
      const dependencyId = e.producer_run as string;
      pairs.set(`${runId}\u0000${dependencyId}`, { runId, dependencyId });
    }
    if (pairs.size === 0) return [];
    const ids = [...new Set([...runIds, ...[...pairs.values()].map((p) => p.dependencyId)])];
    const runs = new Map(
      (
        await this.db.read(
          `SELECT ${runColumns} FROM lineage_runs WHERE id IN (${placeholders(ids.length)})`,
          ids,
        )
      ).map((r) => [r.id as string, runRow(r)]),
    );
    const facts: Omit<DependencyFact, "fresherRuns">[] = [];
    for (const { runId, dependencyId } of pairs.values()) {
      const run = runs.get(runId);
      const dependency = runs.get(dependencyId);
      if (!run || !dependency) continue;
      facts.push({
        runId,
        runStartMs: run.startMs,
        dependencyId,
        dependencyComponent: dependency.component,
        dependencyStartMs: dependency.startMs,
      });
    }
    facts.sort((a, b) => a.runId.localeCompare(b.runId) || a.dependencyStartMs - b.dependencyStartMs);
    const fresher = await this.fresherRuns(
      facts.map((f) => ({
        component: f.dependencyComponent,
        afterMs: f.dependencyStartMs,
        beforeMs: f.runStartMs,
      })),
    );
    return facts.map((f, i) => ({ ...f, fresherRuns: fresher[i] ?? 0 }));
  }

  async fresherRuns(
    windows: readonly { component: string; afterMs: number; beforeMs: number }[],
  ): Promise<number[]> {
    if (windows.length === 0) return [];
    // One scan of the runs answers up to 100 windows (a filtered count each); a join on ranges is slower.
    const counts: number[] = [];
    for (let start = 0; start < windows.length; start += 100) {
      const chunk = windows.slice(start, start + 100);
      const rows = await this.db.read(
        `SELECT ${chunk
          .map((_, k) => `count(*) FILTER (WHERE component = ? AND start_ms > ? AND start_ms < ?) AS n${k}`)
          .join(", ")} FROM lineage_runs`,
        chunk.flatMap((w) => [w.component, w.afterMs, w.beforeMs]),
      );
      chunk.forEach((_, k) => {
        counts.push((rows[0]?.[`n${k}`] as number | undefined) ?? 0);
      });
    }
    return counts;
  }

  async latestWriter(
    artifact: string,
    hash: string | null,
    atMs: number | null,
  ): Promise<string | undefined> {
    const rows = await this.db.read(
      `${writersOf}
       SELECT run_id FROM w
       WHERE direction = 'output' AND (?::VARCHAR IS NULL OR hash = ?) AND (?::BIGINT IS NULL OR run_available_ms <= ?)
       ORDER BY run_available_ms DESC, run_start_ms DESC, run_id DESC LIMIT 1`,
      [artifact, hash, hash, atMs, atMs],
    );
    return (rows[0]?.run_id as string | undefined) ?? undefined;
  }

  async findArtifact(
    name: string,
    hash: string | null,
  ): Promise<{ kind: ArtifactKind; hash: string | null } | undefined> {
    const rows = await this.db.read(
      `${writersOf}
       SELECT kind, hash FROM w WHERE ?::VARCHAR IS NULL OR hash = ?
       ORDER BY run_available_ms DESC LIMIT 1`,
      [name, hash, hash],
    );
    const r = rows[0];
    return r ? { kind: r.kind as ArtifactKind, hash: (r.hash as string | null) ?? null } : undefined;
  }

  async listRuns(query: RunQuery): Promise<RunRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: string, value: unknown) => {
      where.push(condition);
      params.push(value);
    };
    if (query.component !== undefined) add("component = ?", query.component);
    if (query.status !== undefined) add("status = ?", query.status);
    if (query.fromMs !== undefined) add("start_ms >= ?", query.fromMs);
    if (query.toMs !== undefined) add("start_ms < ?", query.toMs);
    const rows = await this.db.read(
      `SELECT ${runColumns} FROM lineage_runs ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY start_ms DESC, id DESC LIMIT ?`,
      [...params, query.limit],
    );
    return rows.map(runRow);
  }

  async latestRuns(component?: string): Promise<RunRow[]> {
    const rows = await this.db.read(
      `SELECT ${runColumns} FROM lineage_runs WHERE (?::VARCHAR IS NULL OR component = ?)
       QUALIFY row_number() OVER (PARTITION BY component ORDER BY start_ms DESC, id DESC) = 1
       ORDER BY component`,
      [component ?? null, component ?? null],
    );
    return rows.map(runRow);
  }

  async listComponents(): Promise<ComponentSummary[]> {
    const rows = await this.db.read(
      `SELECT c.name, c.description, c.owner, c.tags, c.created_ms, count(r.id) AS runs, max(r.start_ms) AS last_start_ms
       FROM lineage_components c LEFT JOIN lineage_runs r ON r.component = c.name
       GROUP BY ALL ORDER BY c.name`,
    );
    return rows.map(componentSummary);
  }

  async getComponent(name: string): Promise<ComponentSummary | undefined> {
    const rows = await this.db.read(
      `SELECT c.name, c.description, c.owner, c.tags, c.created_ms,
              (SELECT count(*) FROM lineage_runs r WHERE r.component = c.name) AS runs,
              (SELECT max(start_ms) FROM lineage_runs r WHERE r.component = c.name) AS last_start_ms
       FROM lineage_components c WHERE c.name = ?`,
      [name],
    );
    return rows[0] ? componentSummary(rows[0]) : undefined;
  }

  async predictionsHaveRunIds(): Promise<boolean> {
    // Migrations run when the store opens, so the answer holds for this instance's lifetime.
    if (this.runIdColumn === undefined) {
      const rows = await this.db.read(
        "SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'predictions' AND column_name = 'run_id'",
      );
      this.runIdColumn = (rows[0]?.n as number) > 0;
    }
    return this.runIdColumn;
  }

  async findPrediction(model: string, id: string): Promise<PredictionLink | undefined> {
    const runId = (await this.predictionsHaveRunIds()) ? "run_id" : "NULL::VARCHAR AS run_id";
    const rows = await this.db.read(
      // The id alone in the scan: an index on predictions(id), where one exists, then serves the lookup.
      `WITH p AS MATERIALIZED (SELECT model, id, version, ts_ms, ${runId} FROM predictions WHERE id = ?)
       SELECT * FROM p WHERE model = ?`,
      [id, model],
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      model: r.model as string,
      id: r.id as string,
      version: r.version as string,
      tsMs: r.ts_ms as number,
      runId: (r.run_id as string | null) ?? null,
    };
  }

  async impact(seed: ImpactSeed, sampleSize: number, maxRuns: number): Promise<ImpactRows> {
    const seedSql =
      "run" in seed
        ? "SELECT ?::VARCHAR AS run_id"
        : `SELECT DISTINCT run_id FROM lineage_run_artifacts
           WHERE artifact = ? AND direction = 'input' AND (?::VARCHAR IS NULL OR hash = ?)`;
    const seedParams = "run" in seed ? [seed.run] : [seed.artifact, seed.hash, seed.hash];
    // UNION (not UNION ALL) keeps each run once, so the walk ends even on a malformed graph.
    const down = `WITH RECURSIVE down(run_id) AS (
        ${seedSql}
        UNION
        SELECT a.run_id FROM lineage_run_artifacts a JOIN down ON a.producer_run = down.run_id
        WHERE a.direction = 'input')`;
    const excluded = "run" in seed ? seed.run : null;
    const runs = await this.db.read(
      `${down}
       SELECT r.id, r.component, r.start_ms, r.end_ms, r.status, count(*) OVER () AS total
       FROM down JOIN lineage_runs r ON r.id = down.run_id
       WHERE ?::VARCHAR IS NULL OR r.id <> ?
       ORDER BY r.start_ms, r.id LIMIT ?`,
      [...seedParams, excluded, excluded, maxRuns],
    );
    const outputs = await this.db.read(
      `${down}
       SELECT DISTINCT a.artifact, a.run_id FROM down JOIN lineage_run_artifacts a ON a.run_id = down.run_id
       WHERE a.direction = 'output' AND starts_with(a.artifact, 'models:/')
       ORDER BY a.artifact, a.run_id`,
      seedParams,
    );
    const modelVersions: ImpactRows["modelVersions"] = [];
    for (const o of outputs) {
      const mv = parseModelVersionArtifact(o.artifact as string);
      if (mv) modelVersions.push({ ...mv, runId: o.run_id as string });
    }
    if ("artifact" in seed) {
      const mv = parseModelVersionArtifact(seed.artifact);
      if (mv && !modelVersions.some((v) => v.model === mv.model && v.version === mv.version)) {
        modelVersions.push({ ...mv, runId: "" });
      }
    }
    const versions = [...new Map(modelVersions.map((v) => [`${v.model}/${v.version}`, v])).values()];
    const withRunIds = await this.predictionsHaveRunIds();
    const conditions: string[] = [];
    const params: unknown[] = [];
    let prefix = "";
    if (withRunIds) {
      prefix = down;
      params.push(...seedParams);
      conditions.push("p.run_id IN (SELECT run_id FROM down)");
    }
    if (versions.length > 0) {
      conditions.push(
        `(p.model, p.version) IN (SELECT * FROM (VALUES ${versions.map(() => "(?, ?)").join(", ")}) t(model, version))`,
      );
      for (const v of versions) params.push(v.model, v.version);
    }
    let predictionsByVersion: ImpactRows["predictionsByVersion"] = [];
    let predictionSample: ImpactRows["predictionSample"] = [];
    if (conditions.length > 0) {
      const where = conditions.join(" OR ");
      const counts = await this.db.read(
        `${prefix} SELECT p.model, p.version, count(*) AS count FROM predictions p WHERE ${where}
         GROUP BY ALL ORDER BY p.model, p.version`,
        params,
      );
      predictionsByVersion = counts.map((c) => ({
        model: c.model as string,
        version: c.version as string,
        count: c.count as number,
      }));
      const sample = await this.db.read(
        `${prefix} SELECT p.model, p.id, p.version, p.ts_ms FROM predictions p WHERE ${where}
         ORDER BY p.ts_ms DESC, p.id LIMIT ?`,
        [...params, sampleSize],
      );
      predictionSample = sample.map((s) => ({
        model: s.model as string,
        id: s.id as string,
        version: s.version as string,
        tsMs: s.ts_ms as number,
      }));
    }
    return {
      runs: runs.map(runRow),
      runCount: (runs[0]?.total as number | undefined) ?? 0,
      modelVersions: versions,
      predictionCount: predictionsByVersion.reduce((sum, v) => sum + v.count, 0),
      predictionsByVersion,
      predictionSample,
    };
  }

  setFlag(target: FlagTarget, nowMs: number): Promise<boolean> {
    return this.db.write(async (conn) => {
      const rows = await this.db.run(
        conn,
        "INSERT INTO lineage_flags VALUES (?, ?, ?, ?, ?) ON CONFLICT (target) DO NOTHING RETURNING target",
        [
          flagKey(target),
          "artifact" in target ? target.artifact : null,
          "model" in target ? target.model : null,
          "prediction" in target ? target.prediction : null,
          nowMs,
        ],
      );
      return rows.length > 0;
    });
  }

  removeFlag(target: FlagTarget): Promise<boolean> {
    return this.db.write(async (conn) => {
      const rows = await this.db.run(conn, "DELETE FROM lineage_flags WHERE target = ? RETURNING target", [
        flagKey(target),
      ]);
      return rows.length > 0;
    });
  }

  async listFlags(): Promise<FlagRow[]> {
    const rows = await this.db.read("SELECT * FROM lineage_flags ORDER BY flagged_ms, target");
    return rows.map((r) => ({
      target:
        r.artifact !== null
          ? { artifact: r.artifact as string }
          : { model: r.model as string, prediction: r.prediction as string },
      flaggedMs: r.flagged_ms as number,
    }));
  }

  async review(
    seeds: readonly { flag: string; runIds: readonly string[] }[],
    limit: number,
  ): Promise<ReviewRow[]> {
    const pairs = seeds.flatMap((s) => s.runIds.map((runId) => [s.flag, runId] as const));
    if (pairs.length === 0) return [];
    const rows = await this.db.read(
      `WITH RECURSIVE up(flag, run_id) AS (
         SELECT * FROM (VALUES ${pairs.map(() => "(?, ?)").join(", ")}) t(flag, run_id)
         UNION
         SELECT up.flag, a.producer_run FROM up JOIN lineage_run_artifacts a ON a.run_id = up.run_id
         WHERE a.direction = 'input' AND a.producer_run IS NOT NULL)
       SELECT r.id, r.component, r.start_ms, r.end_ms, r.status, count(DISTINCT up.flag) AS flagged
       FROM up JOIN lineage_runs r ON r.id = up.run_id
       GROUP BY ALL ORDER BY flagged DESC, r.start_ms DESC, r.id LIMIT ?`,
      [...pairs.flat(), limit],
    );
    return rows.map((r) => ({ ...runRow(r), flagged: r.flagged as number }));
  }
}
