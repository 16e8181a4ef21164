import type { CalibratedThreshold, DriftMethod, PcaDriftModel } from "@sightline/stats";
import type { Contract } from "../../contract/contract.js";
import { SightlineError } from "../../errors.js";
import { DEFAULT_P_VALUE_THRESHOLD, DISTANCE_THRESHOLDS } from "../../report/drift-thresholds.js";
import type { Store } from "../../store/store.js";
import type { ColumnCounts, WindowScope } from "../../store/window-store.js";
import { windowBounds } from "../window-query.js";
import { adjustWindowPValues } from "./adjust-window-p-values.js";
import { calibrateDriftThreshold, sizeBucket } from "./calibrate-drift-threshold.js";
import { type DriftDistribution, driftDistribution } from "./drift-distribution.js";
import {
  type ColumnDriftResult,
  judge,
  methodFits,
  prepareComparison,
  runComparison,
} from "./histogram-drift.js";
import {
  fitMultivariate,
  MULTIVARIATE_REFERENCE_ROWS,
  MULTIVARIATE_SAMPLE_ROWS,
  type MultivariateDrift,
  multivariateDrift,
} from "./multivariate-drift.js";
import { type ChunkVariation, chunkStatistic, chunkVariation } from "./reference-chunks.js";
import {
  binsFor,
  driftColumns,
  MAX_CATEGORIES,
  NUMERIC_BINS,
  type ReferenceColumn,
  type ReferenceProfile,
} from "./reference-profile.js";

/** One window of a drift answer, in the words of the `sightline drift` report. */
export interface DriftWindow {
  from: string;
  to: string;
  fromMs: number;
  toMs: number;
  rows: number;
  columns: ColumnDriftResult[];
  /** PCA reconstruction error of a row sample over the numeric features; null with fewer than 2. */
  multivariate: MultivariateDrift | null;
}

/** Drift of a model's version per window against that version's reference. */
export interface DriftAnswer {
  model: string;
  version: string;
  segment: string | null;
  reference_rows: number;
  windows: DriftWindow[];
}

/** One column's reference and window counts over its drift test's bins, for `[fromMs, toMs)`. */
export type DriftDistributionAnswer = DriftDistribution & {
  model: string;
  version: string;
  segment: string | null;
  column: string;
  from: string;
  to: string;
  /** Predictions in the range (rows with the column present are the sum of `current`). */
  rows: number;
  reference_rows: number;
};

/** Options of {@link DriftService.drift}. */
export interface DriftOptions {
  /** Methods to run on every column they fit instead of the automatic choice (one result per method). */
  methods?: readonly DriftMethod[];
  /** Smallest distance that counts as drift, for every distance method (default: the report's defaults). */
  minEffect?: number;
  /** Compute the multivariate (PCA) drift too; default true. */
  multivariate?: boolean;
}

/**
 * Drift of every feature, the prediction and the label per window, against the version's reference,
 * computed from histograms the store aggregates (reference histograms once per version, cached).
 * Tests with a p-value are judged at p < 0.05 after Holm's correction across the window's tests
 * (adjust-window-p-values.ts); a column whose reference chunks of the window's size drift from
 * the whole reference (weekday in daily windows) against those chunks' spread (reference-chunks.ts); distances against a threshold calibrated from the
 * reference at the window's size (parametric bootstrap, mean + 3 sd, cached per version, column,
 * method and size bucket), never below the minimum effect.
 *
 * @example
 * const drift = new DriftService(store);
 * const answer = await drift.drift({ model: "m", fromMs, toMs, sizeMs: 86_400_000, originMs: 0, version: "v1" });
 */
export class DriftService {
  private readonly profiles = new Map<string, Promise<ReferenceProfile>>();
  private readonly thresholds = new Map<string, CalibratedThreshold>();
  private readonly chunks = new Map<string, Promise<Map<string, ChunkVariation>>>();
  private readonly pca = new Map<string, Promise<{ model: PcaDriftModel; rows: number }>>();

  constructor(private readonly store: Store) {}

  /**
   * The version a query is about and its contract: the one asked for, else the version with the most
   * predictions in the range. Throws SL_NOT_FOUND with the reason when there is none or it has no reference.
   */
  async resolveVersion(scope: WindowScope): Promise<Contract> {
    let version = scope.version;
    if (version === undefined) {
      const dominant = await this.store.windows.dominantVersion(scope.model, scope.fromMs, scope.toMs);
      if (dominant === null) {
        const newest = await this.store.windows.newestTimestamp(scope.model);
        throw new SightlineError(
          "SL_NOT_FOUND",
          newest === null
            ? `unknown model ${scope.model}: no predictions logged`
            : `no predictions for ${scope.model} in [${new Date(scope.fromMs).toISOString()}, ${new Date(scope.toMs).toISOString()}); give version to pick a reference`,
        );
      }
      version = dominant;
    }
    const contract = await this.store.getContract(scope.model, version);
    if (!contract) {
      throw new SightlineError(
        "SL_NOT_FOUND",
        `no reference uploaded for ${scope.model} version ${version}: upload one to compare against`,
        { field: "version" },
      );
    }
    return contract;
  }

  /** The reference profile of a contract's version, computed in the store once and cached. */
  profile(contract: Contract): Promise<ReferenceProfile> {
    const key = `${contract.model}\u0000${contract.version}\u0000${contract.createdMs}`;
    let profile = this.profiles.get(key);
    if (!profile) {
      profile = this.buildProfile(contract);
      profile.catch(() => this.profiles.delete(key));
      this.profiles.set(key, profile);
    }
    return profile;
  }

  private async buildProfile(contract: Contract): Promise<ReferenceProfile> {
    const { model, version } = contract;
    const wanted = driftColumns(contract);
    const shapes = await this.store.windows.referenceShapes(
      model,
      version,
      wanted.map((c) => ({ name: c.name, source: c.source, numeric: c.type === "numeric" })),
      NUMERIC_BINS,
      MAX_CATEGORIES,
    );
    const planned = wanted.flatMap((column, i) => {
      const shape = shapes[i];
      return shape && shape.present > 0 ? [{ column, shape, bins: binsFor(column, shape) }] : [];
    });
    const counts = await this.store.windows.referenceCounts(
      model,
      version,
      planned.map((p) => p.bins),
    );
    const columns: ReferenceColumn[] = planned.flatMap(({ column, shape, bins }) => {
      const c = counts.get(column.name);
      return c ? [{ ...column, bins, counts: c, distinct: shape.distinct, std: shape.std }] : [];
    });
    return { model, version, rows: await this.store.windows.referenceRows(model, version), columns };
  }

  private threshold(
    profile: ReferenceProfile,
    column: ReferenceColumn,
    method: DriftMethod,
    rows: number,
    minEffect: number | undefined,
  ): CalibratedThreshold {
    const size = sizeBucket(rows);
    const effect = minEffect ?? DISTANCE_THRESHOLDS[method] ?? 0;
    const key = [profile.model, profile.version, column.name, method, size, effect].join("\u0000");
    let threshold = this.thresholds.get(key);
    if (!threshold) {
      threshold = calibrateDriftThreshold(column, method, size, { minEffect: effect });
      this.thresholds.set(key, threshold);
    }
    return threshold;
  }

  /**
   * Compares one column's window histogram with the reference: the method, the statistic and the
   * verdict against the p-value threshold or the calibrated one.
   */
  compareColumn(
    profile: ReferenceProfile,
    column: ReferenceColumn,
    current: ColumnCounts,
    options: DriftOptions & { method?: DriftMethod } = {},
  ): ColumnDriftResult {
    const prepared = prepareComparison(column, current, options.method);
    const result = runComparison(column, current, prepared);
    let threshold = DEFAULT_P_VALUE_THRESHOLD;
    let source: ColumnDriftResult["threshold_source"] = "p_value";
    if (result.p_value === null) {
      const calibrated = this.threshold(profile, column, prepared.method, current.present, options.minEffect);
      threshold = calibrated.threshold;
      source = calibrated.threshold > calibrated.calibrated ? "min_effect" : "calibrated";
    }
    return {
      column: column.name,
      type: column.type,
      method: prepared.method,
      statistic: result.statistic,
      p_value: result.p_value,
      threshold,
      drift_detected: judge(result, threshold),
      p_adjusted: null,
      p_adjustment: null,
      tests_in_window: 0,
      reason: prepared.reason,
      reference_rows: column.counts.present,
      rows: current.present,
      threshold_source: source,
      reference_chunks: null,
    };
  }

  /**
   * How each column varies between reference chunks of the scope's window size and alignment
   * (reference-chunks.ts), from the reference's `timestamp`; computed once per version and window grid.
   */
  chunkVariations(profile: ReferenceProfile, scope: WindowScope): Promise<Map<string, ChunkVariation>> {
    const offset = ((scope.originMs % scope.sizeMs) + scope.sizeMs) % scope.sizeMs;
    const key = [profile.model, profile.version, profile.rows, scope.sizeMs, offset].join("\u0000");
    let variations = this.chunks.get(key);
    if (!variations) {
      variations = this.buildChunkVariations(profile, scope.sizeMs, offset);
      variations.catch(() => this.chunks.delete(key));
      this.chunks.set(key, variations);
    }
    return variations;
  }

  private async buildChunkVariations(
    profile: ReferenceProfile,
    sizeMs: number,
    offsetMs: number,
  ): Promise<Map<string, ChunkVariation>> {
    const columns = profile.columns;
    const out = new Map<string, ChunkVariation>();
    if (columns.length === 0) return out;
    const chunks = await this.store.windows.referenceChunkCounts(
      profile.model,
      profile.version,
      columns.map((c) => c.bins),
      sizeMs,
      offsetMs,
    );
    for (const column of columns) {
      const counts = chunks.flatMap((chunk) => {
        const c = chunk.columns.get(column.name);
        return c ? [c] : [];
      });
      out.set(
        column.name,
        chunkVariation(column, counts, sizeMs, (c) => this.compareColumn(profile, column, c).drift_detected),
      );
    }
    return out;
  }

  /** Judges a column whose reference drifts between windows against its reference chunks' spread. */
  private compareWithChunks(
    column: ReferenceColumn,
    current: ColumnCounts,
    variation: ChunkVariation,
  ): ColumnDriftResult {
    const statistic = chunkStatistic(column, current);
    const threshold = variation.threshold ?? 0;
    const size = `${variation.size_ms / 3_600_000}h`;
    return {
      column: column.name,
      type: column.type,
      method: "jensen-shannon",
      statistic,
      p_value: null,
      p_adjusted: null,
      p_adjustment: null,
      tests_in_window: 0,
      threshold,
      drift_detected: statistic > threshold,
      reason: `${variation.drifting_chunks} of ${variation.chunks} reference chunks of ${size} (by the reference timestamp) drift from the whole reference, so ${column.name} varies between windows by construction; judged by Jensen-Shannon against the largest chunk distance or mean + 3 sd of them`,
      reference_rows: column.counts.present,
      rows: current.present,
      threshold_source: "reference_chunks",
      reference_chunks: variation,
    };
  }

  private pcaModel(profile: ReferenceProfile, columns: ReferenceColumn[]) {
    const key = `${profile.model}\u0000${profile.version}\u0000${profile.rows}\u0000${columns.map((c) => c.name).join(",")}`;
    let model = this.pca.get(key);
    if (!model) {
      model = this.store.windows
        .referenceNumericSample(profile.model, profile.version, columns, MULTIVARIATE_REFERENCE_ROWS)
        .then((rows) => ({ model: fitMultivariate(rows), rows: rows.length }));
      model.catch(() => this.pca.delete(key));
      this.pca.set(key, model);
    }
    return model;
  }

  private async multivariate(
    profile: ReferenceProfile,
    scope: WindowScope,
  ): Promise<Map<number, MultivariateDrift>> {
    const columns = profile.columns.filter((c) => c.source === "feature" && c.bins.binning === "cuts");
    const out = new Map<number, MultivariateDrift>();
    if (columns.length < 2) return out;
    const { model, rows } = await this.pcaModel(profile, columns);
    const samples = await this.store.windows.numericSample(scope, columns, MULTIVARIATE_SAMPLE_ROWS);
    const names = columns.map((c) => c.name);
    for (const sample of samples) {
      if (sample.rows.length > 0) out.set(sample.fromMs, multivariateDrift(model, names, sample.rows, rows));
    }
    return out;
  }

  /**
   * One column's reference and current counts over `scope` taken as one window, over the bins its drift
   * test uses (merged for display by drift-distribution.ts). Throws SL_NOT_FOUND naming `column` when the
   * version's reference has no such drift column.
   */
  async distribution(scope: WindowScope, columnName: string): Promise<DriftDistributionAnswer> {
    const contract = await this.resolveVersion(scope);
    const profile = await this.profile(contract);
    const column = profile.columns.find((c) => c.name === columnName);
    if (!column) {
      throw new SightlineError(
        "SL_NOT_FOUND",
        `column '${columnName}' is not a drift column of ${scope.model} version ${contract.version}: use one of ${profile.columns.map((c) => c.name).join(", ")}`,
        { field: "column" },
      );
    }
    const one: WindowScope = {
      ...scope,
      version: contract.version,
      sizeMs: scope.toMs - scope.fromMs,
      originMs: scope.fromMs,
    };
    const [window] = await this.store.windows.columnCounts(one, [column.bins]);
    const bins = column.counts.counts.length;
    const current = window?.columns.get(column.name) ?? {
      counts: new Array<number>(bins).fill(0),
      sums: [],
      present: 0,
      min: null,
      max: null,
    };
    return {
      model: scope.model,
      version: contract.version,
      segment: scope.segment ? `${scope.segment.tag}:${scope.segment.value}` : null,
      column: column.name,
      from: new Date(scope.fromMs).toISOString(),
      to: new Date(scope.toMs).toISOString(),
      rows: window?.rows ?? 0,
      reference_rows: profile.rows,
      ...driftDistribution(column, current),
    };
  }

  /** Drift per window of `scope` (its version resolved as in {@link resolveVersion}). */
  async drift(scope: WindowScope, options: DriftOptions = {}): Promise<DriftAnswer> {
    const contract = await this.resolveVersion(scope);
    const profile = await this.profile(contract);
    const versioned: WindowScope = { ...scope, version: contract.version };
    const windows = await this.store.windows.columnCounts(
      versioned,
      profile.columns.map((c) => c.bins),
    );
    const variations = await this.chunkVariations(profile, versioned);
    const multivariate =
      options.multivariate === false
        ? new Map<number, MultivariateDrift>()
        : await this.multivariate(profile, versioned);
    const answer: DriftAnswer = {
      model: scope.model,
      version: contract.version,
      segment: scope.segment ? `${scope.segment.tag}:${scope.segment.value}` : null,
      reference_rows: profile.rows,
      windows: [],
    };
    for (const window of windows) {
      const bounds = windowBounds(versioned, window.fromMs);
      const columns: ColumnDriftResult[] = [];
      for (const column of profile.columns) {
        const current = window.columns.get(column.name);
        if (!current || current.present === 0) continue;
        const methods = options.methods ?? [undefined];
        const variation = variations.get(column.name);
        if (options.methods === undefined && variation?.applies) {
          columns.push(this.compareWithChunks(column, current, variation));
          continue;
        }
        for (const method of methods) {
          if (method !== undefined && !methodFits(column, method)) continue;
          columns.push(
            this.compareColumn(profile, column, current, {
              ...options,
              ...(method === undefined ? {} : { method }),
            }),
          );
        }
      }
      answer.windows.push({
        from: new Date(bounds.fromMs).toISOString(),
        to: new Date(bounds.toMs).toISOString(),
        fromMs: bounds.fromMs,
        toMs: bounds.toMs,
        rows: window.rows,
        columns: adjustWindowPValues(columns),
        multivariate: multivariate.get(window.fromMs) ?? null,
      });
    }
    return answer;
  }
}
