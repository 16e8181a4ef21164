import type { CheckProvider } from "../engine/check.js";
import type { Store } from "../store/store.js";
import { RegistryService } from "./registry-service.js";
import { DEFAULT_MAX_TRAINING_AGE_MS } from "./serving-checks.js";

/**
 * Serving checks for monitors: `serving_version` (traffic from a version not holding the model's serving
 * alias) and `staleness` (a serving version superseded in production, or trained too long ago). Traffic
 * is counted per version in the store; segments are not supported (no checks for a segment query).
 *
 * @example
 * const provider = servingCheckProvider(store);
 * await provider.checks({ model: "m", window: { fromMs, toMs }, nowMs: toMs });
 */
export function servingCheckProvider(
  store: Store,
  options: { maxTrainingAgeMs?: number } = {},
): CheckProvider {
  const registry = new RegistryService(store, options.maxTrainingAgeMs ?? DEFAULT_MAX_TRAINING_AGE_MS);
  return {
    kinds: ["serving_version", "staleness"],
    async checks(query) {
      if (query.segment) return [];
      const checks = await registry.serving(query.model, query.window, query.nowMs);
      return query.version === undefined
        ? checks
        : checks.filter((c) => c.kind === "serving_version" || c.version === query.version);
    },
  };
}
