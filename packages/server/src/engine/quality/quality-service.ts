import type { Store } from "../../store/store.js";
import type { WindowScope } from "../../store/window-store.js";
import type { DriftService } from "../drift/drift-service.js";
import { windowBounds } from "../window-query.js";
import { type WindowQuality, windowQuality } from "./window-quality.js";

/** Data quality per window of one version of a model. */
export interface QualityAnswer {
  model: string;
  version: string;
  segment: string | null;
  windows: (WindowQuality & { from: string; to: string; fromMs: number; toMs: number })[];
}

/**
 * Data quality per window (missing rates, violations by kind, unseen categories, out-of-range shares)
 * against the version's reference, from store aggregates.
 *
 * @example
 * const quality = await new QualityService(store, drift).quality(scope);
 */
export class QualityService {
  constructor(
    private readonly store: Store,
    private readonly drift: DriftService,
  ) {}

  async quality(scope: WindowScope): Promise<QualityAnswer> {
    const contract = await this.drift.resolveVersion(scope);
    const profile = await this.drift.profile(contract);
    const versioned: WindowScope = { ...scope, version: contract.version };
    const features = profile.columns.filter((c) => c.source === "feature");
    // Quality needs each numeric column's present count only, not its histogram: one bin each, so the
    // answer is a few rows per window instead of up to 1,000 bins a column (turning those into objects
    // held the event loop for most of a second on the model page).
    const counts = await this.store.windows.columnCounts(
      versioned,
      features.map((c) => (c.bins.binning === "cuts" ? { ...c.bins, cuts: [] } : c.bins)),
    );
    const operations = new Map((await this.store.windows.operations(versioned)).map((o) => [o.fromMs, o]));
    const violations = await this.store.windows.violations(versioned);
    const missingRates = new Map(contract.features.map((f) => [f.name, f.missingRate]));
    return {
      model: scope.model,
      version: contract.version,
      segment: scope.segment ? `${scope.segment.tag}:${scope.segment.value}` : null,
      windows: counts.map((w) => {
        const bounds = windowBounds(versioned, w.fromMs);
        return {
          from: new Date(bounds.fromMs).toISOString(),
          to: new Date(bounds.toMs).toISOString(),
          fromMs: bounds.fromMs,
          toMs: bounds.toMs,
          ...windowQuality(
            w.rows,
            operations.get(w.fromMs)?.rowsWithViolations ?? 0,
            violations.filter((v) => v.fromMs === w.fromMs),
            w.columns,
            profile,
            missingRates,
          ),
        };
      }),
    };
  }
}
