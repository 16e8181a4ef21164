import type { Check } from "../engine/check.js";
import type { Window } from "../engine/window.js";
import type { ModelVersion, VersionTraffic } from "../store/registry-store.js";

const dayMs = 86_400_000;

/** Default age after which a serving version's training data is stale: 90 days. */
export const DEFAULT_MAX_TRAINING_AGE_MS = 90 * dayMs;

/** What {@link servingChecks} judges: traffic per version in a window, and the registry's view of it. */
export interface ServingInput {
  model: string;
  window: Window;
  traffic: readonly VersionTraffic[];
  /** The alias traffic should use (the model's `serving_alias`, default `production`). */
  servingAlias: string;
  /** Version holding `servingAlias`; null when the alias is unset. */
  aliasVersion: string | null;
  /** Version holding `production` (supersedes older serving versions); null when unset. */
  productionVersion: string | null;
  /** Registry entries of the model's versions (registered or not). */
  versions: readonly ModelVersion[];
  /** Event-time now. */
  nowMs: number;
  maxTrainingAgeMs: number;
}

const timeOf = (text: string | null | undefined): number | null => (text ? Date.parse(text) : null);

/**
 * Serving checks of one model and window: one `serving_version` check (breached when any prediction
 * came from a version other than the one holding the serving alias; value = the share of such traffic)
 * and one `staleness` check per version that served (breached when a newer version holds `production`,
 * or the version's training data is older than `maxTrainingAgeMs` at `nowMs`; value = training age in
 * days).
 *
 * @example
 * servingChecks({ model: "m", window, traffic: [{ version: "v1", predictions: 10, errors: 0, first_ms: 0, last_ms: 9 }],
 *   servingAlias: "production", aliasVersion: "v2", productionVersion: "v2", versions, nowMs, maxTrainingAgeMs });
 * // serving_version breached (all traffic from v1), staleness of v1 breached (superseded by v2)
 */
export function servingChecks(input: ServingInput): Check[] {
  const total = input.traffic.reduce((sum, t) => sum + t.predictions, 0);
  const offAlias = input.traffic.filter((t) => t.version !== input.aliasVersion);
  const offAliasPredictions = offAlias.reduce((sum, t) => sum + t.predictions, 0);
  const common = { model: input.model, segment: null, window: input.window };
  const checks: Check[] = [
    {
      ...common,
      version: null,
      kind: "serving_version",
      subject: input.servingAlias,
      metric: "off_alias_share",
      value: total === 0 || input.aliasVersion === null ? null : offAliasPredictions / total,
      threshold: 0,
      breached: input.aliasVersion !== null && offAliasPredictions > 0,
      rows: total,
      evidence: {
        alias: input.servingAlias,
        alias_version: input.aliasVersion,
        versions: input.traffic.map((t) => ({ version: t.version, predictions: t.predictions })),
        off_alias_versions: offAlias.map((t) => t.version),
        ...(input.aliasVersion === null ? { reason: `alias ${input.servingAlias} is not set` } : {}),
      },
    },
  ];
  const byName = new Map(input.versions.map((v) => [v.version, v]));
  const production = input.productionVersion ? byName.get(input.productionVersion) : undefined;
  for (const t of input.traffic) {
    const entry = byName.get(t.version);
    const trainedMs = timeOf(entry?.trained_timestamp);
    const ageMs = trainedMs === null ? null : input.nowMs - trainedMs;
    const createdMs = timeOf(entry?.created_timestamp);
    const productionCreatedMs = timeOf(production?.created_timestamp);
    // An unregistered version is older than anything registered as far as the registry knows.
    const superseded =
      production !== undefined &&
      production.version !== t.version &&
      productionCreatedMs !== null &&
      (createdMs === null || productionCreatedMs > createdMs);
    const tooOld = ageMs !== null && ageMs > input.maxTrainingAgeMs;
    const reasons: string[] = [];
    if (superseded) reasons.push(`newer version ${production.version} holds the production alias`);
    if (tooOld) {
      reasons.push(
        `training data is ${(ageMs / dayMs).toFixed(1)} days old (threshold ${input.maxTrainingAgeMs / dayMs} days)`,
      );
    }
    if (ageMs === null) reasons.push("training time unknown: version not registered");
    checks.push({
      ...common,
      version: t.version,
      kind: "staleness",
      subject: "training_data",
      metric: "training_age_days",
      value: ageMs === null ? null : ageMs / dayMs,
      threshold: input.maxTrainingAgeMs / dayMs,
      breached: superseded || tooOld,
      rows: t.predictions,
      evidence: {
        trained_timestamp: entry?.trained_timestamp ?? null,
        registered: entry?.registered ?? false,
        production_version: input.productionVersion,
        superseded,
        reasons,
      },
    });
  }
  return checks;
}
