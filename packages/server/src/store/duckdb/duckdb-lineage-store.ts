import type { ArtifactKind } from "../../lineage/artifact.js";
import type { ComponentRecord, RunRecord } from "../../lineage/run-record.js";
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
  ReviewRow,
  RunQuery,
  RunRow,
  StoredRun,
} from "../lineage-store.js";
import type { DuckDbDatabase, Row } from "./duckdb-database.js";
import { queryImpact, queryReview } from "./duckdb-lineage-impact.js";
import { readLineageRun, saveLineageRun, writersOf } from "./duckdb-lineage-runs.js";
import { placeholders, runColumns, runRow } from "./lineage-run-row.js";

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
    return saveLineageRun(this.db, id, merge, component, nowMs);
  }

  getRun(id: string): Promise<StoredRun | undefined> {
    return readLineageRun(this.db, this.db.reader, id);
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

  async modelVersionWriters(model: string): Promise<{ version: string; runId: string }[]> {
    const prefix = `models:/${model}/`;
    const rows = await this.db.read(
      `SELECT artifact, run_id FROM lineage_run_artifacts
       WHERE direction = 'output' AND starts_with(artifact, ?)
       QUALIFY row_number() OVER (PARTITION BY artifact ORDER BY run_available_ms DESC, run_id DESC) = 1
       ORDER BY artifact`,
      [prefix],
    );
    return rows.flatMap((r) => {
      const version = (r.artifact as string).slice(prefix.length);
      return version.includes("/") ? [] : [{ version, runId: r.run_id as string }];
    });
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
    return queryImpact(this.db, seed, sampleSize, maxRuns, await this.predictionsHaveRunIds());
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

  review(seeds: readonly { flag: string; runIds: readonly string[] }[], limit: number): Promise<ReviewRow[]> {
    return queryReview(this.db, seeds, limit);
  }
}
