import type { Check, CheckProvider } from "../engine/check.js";
import type { LineageService } from "./lineage-service.js";
import { defaultStaleDays } from "./staleness.js";

/**
 * Lineage staleness as monitor checks: for each version of the queried model (or the queried version), a
 * `staleness` check with subject `lineage` whose value is the number of stale warnings in the trace of the
 * run that trained it (breached above 0; the warnings are the evidence). Lineage is not per segment, so a
 * segmented query gets no lineage checks.
 *
 * @example
 * monitors.addProvider(lineageCheckProvider(lineage));
 */
export function lineageCheckProvider(lineage: LineageService, staleDays = defaultStaleDays): CheckProvider {
  return {
    kinds: ["staleness"],
    async checks(query) {
      if (query.segment !== undefined) return [];
      const versions = await lineage.staleModelVersions(query.model, query.version, staleDays);
      return versions.map(
        (v): Check => ({
          model: query.model,
          version: v.version,
          segment: null,
          window: query.window,
          kind: "staleness",
          subject: "lineage",
          metric: "stale_warnings",
          value: v.warnings.length,
          threshold: 0,
          breached: v.warnings.length > 0,
          rows: 0,
          evidence: {
            training_run: v.runId,
            stale_days: staleDays,
            warnings: v.warnings.map((w) => w.message),
          },
        }),
      );
    },
  };
}
