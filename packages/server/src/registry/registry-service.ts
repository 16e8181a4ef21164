import type { Check } from "../engine/check.js";
import type { Window } from "../engine/window.js";
import { SightlineError } from "../errors.js";
import type {
  AuditEntry,
  ModelUpdate,
  ModelVersion,
  PerformanceTask,
  RegisteredModel,
  VersionRegistration,
} from "../store/registry-store.js";
import type { Store } from "../store/store.js";
import { type ComparisonOptions, compareVersions, type VersionComparison } from "./compare-versions.js";
import { rollbackTarget } from "./rollback-target.js";
import { servingChecks } from "./serving-checks.js";

/** A model in listings: prediction totals merged with its registry entry. */
export interface ModelListing {
  model: string;
  registered: boolean;
  description: string | null;
  owner: string | null;
  tags: Record<string, string>;
  serving_alias: string;
  aliases: Record<string, string>;
  predictions: number;
  labels: number;
  versions: string[];
  first_timestamp: string | null;
  last_timestamp: string | null;
}

/** A model in full: its listing and every version. */
export interface ModelDetail extends ModelListing {
  version_details: ModelVersion[];
}

/** An alias change as answered by promote and rollback. */
export interface AliasMove {
  model: string;
  alias: string;
  version: string;
  previous_version: string | null;
}

/**
 * The registry's operations over the store: models, versions, promote/rollback with an audit trail,
 * serving checks and version comparison. Actors and "now" are passed in by the caller.
 *
 * @example
 * const registry = new RegistryService(store);
 * await registry.promote("flight-delay", "production", "v3", "ci-key", Date.now());
 */
export class RegistryService {
  constructor(
    private readonly store: Store,
    private readonly maxTrainingAgeMs: number,
  ) {}

  async listModels(): Promise<ModelListing[]> {
    const [summaries, registered] = await Promise.all([
      this.store.listModels(),
      this.store.registry.listModels(),
    ]);
    const byName = new Map(registered.map((m) => [m.model, m]));
    const names = [...new Set([...summaries.map((s) => s.model), ...byName.keys()])].sort();
    return names.map((name) => {
      const summary = summaries.find((s) => s.model === name);
      return listing(name, byName.get(name), summary);
    });
  }

  async getModel(model: string): Promise<ModelDetail> {
    const [summaries, entry, versions] = await Promise.all([
      this.store.listModels(),
      this.store.registry.getModel(model),
      this.store.registry.listVersions(model),
    ]);
    const summary = summaries.find((s) => s.model === model);
    if (!entry && !summary)
      throw new SightlineError("SL_NOT_FOUND", `no model ${model}: not registered and no predictions`);
    const base = listing(model, entry, summary);
    return { ...base, versions: versions.map((v) => v.version), version_details: versions };
  }

  updateModel(update: ModelUpdate, actor: string, nowMs: number): Promise<RegisteredModel> {
    return this.store.registry.upsertModel(update, actor, nowMs);
  }

  registerVersion(registration: VersionRegistration, actor: string, nowMs: number): Promise<ModelVersion> {
    return this.store.registry.registerVersion(registration, actor, nowMs);
  }

  async listVersions(model: string): Promise<ModelVersion[]> {
    return this.store.registry.listVersions(model);
  }

  async getVersion(model: string, version: string): Promise<ModelVersion> {
    const found = await this.store.registry.getVersion(model, version);
    if (!found)
      throw new SightlineError("SL_NOT_FOUND", `no version ${version} of ${model}`, { field: "version" });
    return found;
  }

  async promote(
    model: string,
    alias: string,
    version: string,
    actor: string,
    nowMs: number,
  ): Promise<AliasMove> {
    const previous = await this.store.registry.setAlias({
      model,
      alias,
      version,
      action: "promote",
      actor,
      nowMs,
    });
    return { model, alias, version, previous_version: previous };
  }

  async rollback(model: string, alias: string, actor: string, nowMs: number): Promise<AliasMove> {
    const history = await this.store.registry.aliasHistory(model, alias);
    const target = rollbackTarget(history);
    if (target === null) {
      const reason =
        history.length === 0
          ? `alias ${alias} of ${model} was never promoted`
          : `alias ${alias} of ${model} has no earlier version in its audit trail`;
      throw new SightlineError("SL_CONFLICT", `nothing to roll back: ${reason}`, { field: "alias" });
    }
    const previous = await this.store.registry.setAlias({
      model,
      alias,
      version: target,
      action: "rollback",
      actor,
      nowMs,
    });
    return { model, alias, version: target, previous_version: previous };
  }

  audit(model: string, limit: number): Promise<AuditEntry[]> {
    return this.store.registry.listAudit(model, limit);
  }

  /** Serving checks for a window; `nowMs` is event time (e.g. the window's end). */
  async serving(model: string, window: Window, nowMs: number): Promise<Check[]> {
    const [entry, traffic, versions] = await Promise.all([
      this.store.registry.getModel(model),
      this.store.registry.servingTraffic(model, window),
      this.store.registry.listVersions(model),
    ]);
    const servingAlias = entry?.serving_alias ?? "production";
    return servingChecks({
      model,
      window,
      traffic,
      servingAlias,
      aliasVersion: entry?.aliases[servingAlias] ?? null,
      productionVersion: entry?.aliases.production ?? null,
      versions,
      nowMs,
      maxTrainingAgeMs: this.maxTrainingAgeMs,
    });
  }

  async compare(
    query: { model: string; baseline: string; candidate: string; window: Window; task?: PerformanceTask },
    options: ComparisonOptions,
  ): Promise<VersionComparison> {
    const aggregates = await this.store.registry.compareAggregates({ ...query, bins: 20, blocks: 64 });
    return compareVersions(aggregates, query, options);
  }
}

function listing(
  model: string,
  entry: RegisteredModel | undefined,
  summary:
    | {
        predictions: number;
        labels: number;
        versions: string[];
        first_timestamp: string | null;
        last_timestamp: string | null;
      }
    | undefined,
): ModelListing {
  return {
    model,
    registered: entry !== undefined,
    description: entry?.description ?? null,
    owner: entry?.owner ?? null,
    tags: entry?.tags ?? {},
    serving_alias: entry?.serving_alias ?? "production",
    aliases: entry?.aliases ?? {},
    predictions: summary?.predictions ?? 0,
    labels: summary?.labels ?? 0,
    versions: summary?.versions ?? [],
    first_timestamp: summary?.first_timestamp ?? null,
    last_timestamp: summary?.last_timestamp ?? null,
  };
}
