import { uuidv7 } from "uuidv7";
import type { Window } from "../../engine/window.js";
import { SightlineError } from "../../errors.js";
import type {
  AliasChange,
  AuditAction,
  AuditEntry,
  ComparisonAggregates,
  ComparisonQuery,
  ModelUpdate,
  ModelVersion,
  RegisteredModel,
  RegistryStore,
  VersionRegistration,
  VersionTraffic,
} from "../registry-store.js";
import type { DuckDbDatabase, Row } from "./duckdb-database.js";
import { queryComparisonAggregates } from "./duckdb-registry-comparison.js";

const iso = (ms: unknown): string | null => (ms === null ? null : new Date(ms as number).toISOString());
const parseJson = <T>(text: unknown, fallback: T): T =>
  typeof text === "string" ? (JSON.parse(text) as T) : fallback;

function toModel(r: Row): RegisteredModel {
  return {
    model: r.model as string,
    description: (r.description as string | null) ?? null,
    owner: (r.owner as string | null) ?? null,
    tags: parseJson(r.tags, {}),
    serving_alias: r.serving_alias as string,
    aliases: Object.fromEntries(
      ((r.aliases as { alias: string; version: string }[] | null) ?? []).map((a) => [a.alias, a.version]),
    ),
    created_timestamp: iso(r.created_ms) as string,
    updated_timestamp: iso(r.updated_ms) as string,
  };
}

function toAudit(r: Row): AuditEntry {
  return {
    id: r.id as string,
    model: r.model as string,
    timestamp: iso(r.ts_ms) as string,
    actor: r.actor as string,
    action: r.action as AuditAction,
    alias: (r.alias as string | null) ?? null,
    version: (r.version as string | null) ?? null,
    previous_version: (r.previous_version as string | null) ?? null,
    details: parseJson(r.details, {}),
  };
}

function toVersion(r: Row): ModelVersion {
  const registered = r.registered === true;
  return {
    model: r.model as string,
    version: r.version as string,
    registered,
    artifact_uri: (r.artifact_uri as string | null) ?? null,
    run_id: (r.run_id as string | null) ?? null,
    metrics: parseJson(r.metrics, {}),
    tags: parseJson(r.tags, {}),
    description: (r.description as string | null) ?? null,
    created_timestamp: iso(r.created_ms),
    created_by: (r.created_by as string | null) ?? null,
    trained_timestamp: registered ? iso(r.run_start_ms ?? r.created_ms) : null,
    has_contract: r.has_contract === true,
    aliases: [...((r.aliases as string[] | null) ?? [])],
    predictions: (r.predictions as number | null) ?? 0,
    first_timestamp: iso(r.first_ms),
    last_timestamp: iso(r.last_ms),
  };
}

const modelSelect = `SELECT m.*, (SELECT list({'alias': a.alias, 'version': a.version} ORDER BY a.alias)
  FROM registry_aliases a WHERE a.model = m.model) AS aliases FROM registry_models m`;

/**
 * The registry on DuckDB: `registry_models`, `registry_versions`, `registry_aliases` and the append-only
 * `registry_audit` (migration 3). Every change and its audit entry are written in one transaction.
 *
 * @example
 * const registry = new DuckDbRegistryStore(await DuckDbDatabase.open(".sightline"));
 * await registry.listVersions("flight-delay");
 */
export class DuckDbRegistryStore implements RegistryStore {
  constructor(private readonly db: DuckDbDatabase) {}

  async upsertModel(update: ModelUpdate, actor: string, nowMs: number): Promise<RegisteredModel> {
    await this.db.transaction(async (conn) => {
      const existing = await this.db.run(conn, "SELECT * FROM registry_models WHERE model = ?", [
        update.model,
      ]);
      const old = existing[0];
      const description = update.description !== undefined ? update.description : (old?.description ?? null);
      const owner = update.owner !== undefined ? update.owner : (old?.owner ?? null);
      const tags = update.tags !== undefined ? JSON.stringify(update.tags) : ((old?.tags as string) ?? "{}");
      const servingAlias = update.serving_alias ?? (old?.serving_alias as string | undefined) ?? "production";
      await this.db.run(
        conn,
        `INSERT INTO registry_models VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (model) DO UPDATE SET description = excluded.description, owner = excluded.owner,
           tags = excluded.tags, serving_alias = excluded.serving_alias, updated_ms = excluded.updated_ms`,
        [update.model, description, owner, tags, servingAlias, old ? old.created_ms : nowMs, nowMs],
      );
      const { model: _model, ...changed } = update;
      await this.audit(conn, update.model, nowMs, actor, old ? "update_model" : "register_model", {
        details: changed,
      });
    });
    return (await this.getModel(update.model)) as RegisteredModel;
  }

  async getModel(model: string): Promise<RegisteredModel | undefined> {
    const rows = await this.db.read(`${modelSelect} WHERE m.model = ?`, [model]);
    return rows[0] ? toModel(rows[0]) : undefined;
  }

  async listModels(): Promise<RegisteredModel[]> {
    return (await this.db.read(`${modelSelect} ORDER BY m.model`)).map(toModel);
  }

  async registerVersion(reg: VersionRegistration, actor: string, nowMs: number): Promise<ModelVersion> {
    await this.db.transaction(async (conn) => {
      const taken = await this.db.run(
        conn,
        "SELECT 1 FROM registry_versions WHERE model = ? AND version = ?",
        [reg.model, reg.version],
      );
      if (taken.length > 0) {
        throw new SightlineError(
          "SL_CONFLICT",
          `version ${reg.version} of ${reg.model} is already registered; register a new version name`,
          { field: "version" },
        );
      }
      const model = await this.db.run(conn, "SELECT 1 FROM registry_models WHERE model = ?", [reg.model]);
      if (model.length === 0) {
        await this.db.run(
          conn,
          "INSERT INTO registry_models VALUES (?, NULL, NULL, '{}', 'production', ?, ?)",
          [reg.model, nowMs, nowMs],
        );
        await this.audit(conn, reg.model, nowMs, actor, "register_model", { details: {} });
      }
      await this.db.run(conn, "INSERT INTO registry_versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        reg.model,
        reg.version,
        reg.artifact_uri,
        reg.run_id,
        JSON.stringify(reg.metrics),
        JSON.stringify(reg.tags),
        reg.description,
        nowMs,
        actor,
      ]);
      await this.audit(conn, reg.model, nowMs, actor, "register_version", {
        version: reg.version,
        details: { artifact_uri: reg.artifact_uri, run_id: reg.run_id },
      });
    });
    return (await this.getVersion(reg.model, reg.version)) as ModelVersion;
  }

  async getVersion(model: string, version: string): Promise<ModelVersion | undefined> {
    return (await this.versions(model, version))[0];
  }

  listVersions(model: string): Promise<ModelVersion[]> {
    return this.versions(model, null);
  }

  setAlias(change: AliasChange): Promise<string | null> {
    return this.db.transaction(async (conn) => {
      const known = await this.db.run(
        conn,
        "SELECT 1 FROM registry_versions WHERE model = ? AND version = ?",
        [change.model, change.version],
      );
      if (known.length === 0) {
        throw new SightlineError(
          "SL_NOT_FOUND",
          `version ${change.version} of ${change.model} is not registered; register it first (POST /api/v1/models/${change.model}/versions)`,
          { field: "version" },
        );
      }
      const held = await this.db.run(
        conn,
        "SELECT version FROM registry_aliases WHERE model = ? AND alias = ?",
        [change.model, change.alias],
      );
      const previous = (held[0]?.version as string | undefined) ?? null;
      await this.db.run(
        conn,
        `INSERT INTO registry_aliases VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (model, alias) DO UPDATE SET version = excluded.version, updated_ms = excluded.updated_ms,
           updated_by = excluded.updated_by`,
        [change.model, change.alias, change.version, change.nowMs, change.actor],
      );
      await this.audit(conn, change.model, change.nowMs, change.actor, change.action, {
        alias: change.alias,
        version: change.version,
        previous,
        details: {},
      });
      return previous;
    });
  }

  async aliasHistory(model: string, alias: string): Promise<AuditEntry[]> {
    const rows = await this.db.read(
      `SELECT * FROM registry_audit WHERE model = ? AND alias = ? AND action IN ('promote', 'rollback')
       ORDER BY ts_ms, id`,
      [model, alias],
    );
    return rows.map(toAudit);
  }

  async listAudit(model: string, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.read(
      "SELECT * FROM registry_audit WHERE model = ? ORDER BY ts_ms DESC, id DESC LIMIT ?",
      [model, limit],
    );
    return rows.map(toAudit);
  }

  async servingTraffic(model: string, window: Window): Promise<VersionTraffic[]> {
    const rows = await this.db.read(
      `SELECT version, count(*) AS predictions, count(error) AS errors, min(ts_ms) AS first_ms,
              max(ts_ms) AS last_ms
       FROM predictions WHERE model = ? AND ts_ms >= ? AND ts_ms < ? GROUP BY version ORDER BY version`,
      [model, window.fromMs, window.toMs],
    );
    return rows as unknown as VersionTraffic[];
  }

  compareAggregates(query: ComparisonQuery): Promise<ComparisonAggregates> {
    return queryComparisonAggregates(this.db, query);
  }

  private async versions(model: string, only: string | null): Promise<ModelVersion[]> {
    const rows = await this.db.read(
      `WITH reg AS (SELECT * FROM registry_versions WHERE model = $1),
       p AS (SELECT version, count(*) AS predictions, min(ts_ms) AS first_ms, max(ts_ms) AS last_ms
             FROM predictions WHERE model = $1 GROUP BY version),
       c AS (SELECT version FROM contracts WHERE model = $1),
       a AS (SELECT version, list(alias ORDER BY alias) AS aliases FROM registry_aliases WHERE model = $1
             GROUP BY version),
       v AS (SELECT version FROM reg UNION SELECT version FROM p UNION SELECT version FROM c)
       SELECT $1 AS model, v.version, reg.version IS NOT NULL AS registered, reg.artifact_uri, reg.run_id,
              reg.metrics, reg.tags, reg.description, reg.created_ms, reg.created_by,
              r.start_ms AS run_start_ms, c.version IS NOT NULL AS has_contract, a.aliases,
              p.predictions, p.first_ms, p.last_ms
       FROM v LEFT JOIN reg ON reg.version = v.version LEFT JOIN p ON p.version = v.version
         LEFT JOIN c ON c.version = v.version LEFT JOIN a ON a.version = v.version
         LEFT JOIN lineage_runs r ON r.id = reg.run_id
       WHERE $2::VARCHAR IS NULL OR v.version = $2
       ORDER BY coalesce(reg.created_ms, p.first_ms), v.version`,
      [model, only],
    );
    return rows.map(toVersion);
  }

  private async audit(
    conn: Parameters<DuckDbDatabase["run"]>[0],
    model: string,
    nowMs: number,
    actor: string,
    action: AuditAction,
    entry: { alias?: string; version?: string; previous?: string | null; details: unknown },
  ): Promise<void> {
    await this.db.run(conn, "INSERT INTO registry_audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
      uuidv7(),
      model,
      nowMs,
      actor,
      action,
      entry.alias ?? null,
      entry.version ?? null,
      entry.previous ?? null,
      JSON.stringify(entry.details),
    ]);
  }
}
