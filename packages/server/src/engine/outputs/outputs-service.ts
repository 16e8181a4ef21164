import { SightlineError } from "../../errors.js";
import type { Store } from "../../store/store.js";
import { scoreBins, type WindowScope } from "../../store/window-store.js";
import type { DriftService } from "../drift/drift-service.js";
import { windowBounds } from "../window-query.js";
import { type StuckOutput, stuckOutput } from "./stuck-output.js";

/** Outputs and operations of one window. */
export interface OutputsWindow {
  from: string;
  to: string;
  fromMs: number;
  toMs: number;
  rows: number;
  errors: number;
  error_rate: number;
  latency_ms: { count: number; p50: number; p90: number; p99: number } | null;
  score: {
    count: number;
    mean: number | null;
    std: number | null;
    min: number | null;
    max: number | null;
    quantiles: { p10: number; p25: number; p50: number; p75: number; p90: number } | null;
    histogram: { edges: number[]; counts: number[] };
  };
  /** Share of predictions per class (top 50 classes). */
  classes: Record<string, number>;
  stuck: StuckOutput;
}

/** Outputs per window of a model (all versions unless one is given). */
export interface OutputsAnswer {
  model: string;
  version: string | null;
  segment: string | null;
  windows: OutputsWindow[];
}

const CLASS_LIMIT = 50;

/**
 * Per-window outputs and operations: volume, error rate, latency p50/p90/p99, score distribution
 * (quantiles and a 20-bin histogram on [0, 1]), class shares and the stuck-output verdict, all
 * aggregated by the store.
 *
 * @example
 * const outputs = await new OutputsService(store, drift).outputs(scope);
 */
export class OutputsService {
  constructor(
    private readonly store: Store,
    private readonly drift: DriftService,
  ) {}

  private async referenceOutputs(model: string, version: string | undefined) {
    if (version === undefined) return { topShare: null, std: null };
    const contract = await this.store.getContract(model, version);
    if (!contract) return { topShare: null, std: null };
    const profile = await this.drift.profile(contract);
    const prediction = profile.columns.find((c) => c.source === "prediction");
    if (!prediction) return { topShare: null, std: null };
    const total = prediction.counts.present;
    const topShare =
      prediction.bins.binning === "categories" && total > 0
        ? Math.max(...prediction.counts.counts) / total
        : null;
    return { topShare, std: prediction.std };
  }

  async outputs(scope: WindowScope): Promise<OutputsAnswer> {
    const newest = await this.store.windows.newestTimestamp(scope.model);
    if (newest === null) {
      throw new SightlineError("SL_NOT_FOUND", `unknown model ${scope.model}: no predictions logged`);
    }
    const operations = await this.store.windows.operations(scope);
    const classes = new Map(
      (await this.store.windows.classCounts(scope, CLASS_LIMIT)).map((c) => [c.fromMs, c]),
    );
    const reference = await this.referenceOutputs(scope.model, scope.version);
    const edges = Array.from({ length: scoreBins + 1 }, (_, i) => i / scoreBins);
    return {
      model: scope.model,
      version: scope.version ?? null,
      segment: scope.segment ? `${scope.segment.tag}:${scope.segment.value}` : null,
      windows: operations.map((o) => {
        const bounds = windowBounds(scope, o.fromMs);
        const counts = classes.get(o.fromMs);
        const predicted = counts ? Object.values(counts.counts).reduce((s, c) => s + c, 0) : 0;
        const q = o.scoreQuantiles;
        const l = o.latencyMs;
        return {
          from: new Date(bounds.fromMs).toISOString(),
          to: new Date(bounds.toMs).toISOString(),
          fromMs: bounds.fromMs,
          toMs: bounds.toMs,
          rows: o.rows,
          errors: o.errors,
          error_rate: o.rows > 0 ? o.errors / o.rows : 0,
          latency_ms: l ? { count: o.latencyCount, p50: l[0], p90: l[1], p99: l[2] } : null,
          score: {
            count: o.scoreCount,
            mean: o.scoreMean,
            std: o.scoreStd,
            min: o.scoreMin,
            max: o.scoreMax,
            quantiles: q
              ? {
                  p10: q[0] as number,
                  p25: q[1] as number,
                  p50: q[2] as number,
                  p75: q[3] as number,
                  p90: q[4] as number,
                }
              : null,
            histogram: { edges, counts: o.scoreHistogram },
          },
          classes: Object.fromEntries(
            Object.entries(counts?.counts ?? {}).map(([k, n]) => [k, predicted > 0 ? n / predicted : 0]),
          ),
          stuck: stuckOutput(o, counts, reference.topShare, reference.std),
        };
      }),
    };
  }
}
