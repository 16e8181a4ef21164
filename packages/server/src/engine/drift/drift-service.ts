import type { CalibratedThreshold, DriftMethod } from "@sightline/stats";
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
  type MultivariateModel,
  multivariateDrift,
  withChunkBand,
} from "./multivariate-drift.js";
import {
  type ChunkVariation,
  type Comparison,
  chunkStatistic,
  chunkVariation,
  distrustsPValues,
  MIN_CHUNKS,
  usableChunks,
  withoutChunk,
} from "./reference-chunks.js";
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
  /**
   * Let the spread of the reference's own time chunks of the window's size raise distance thresholds
   * (and replace distrusted p-value tests); default true. Needs a `timestamp` column in the reference.
   */
  referenceChunks?: boolean;
}

/** A version's reference cut into chunks of one window grid, per column (chunks too small dropped). */
export interface ReferenceChunks {
  key: string;
  sizeMs: number;
  byColumn: Map<string, ColumnCounts[]>;
}

/**
 * Drift of every feature, the prediction and the label per window, against the version's reference,
 * computed from histograms the store aggregates (reference histograms once per version, cached).
 * Distances are judged against the largest of three thresholds: the minimum effect; sampling noise at
 * the window's size (parametric bootstrap of the reference histogram, mean + 3 sd, cached per version,
 * column, method and size bucket); and, when the reference has timestamps, the spread of its own time
 * chunks of the window's size, each against the rest of the reference (mean + 3 sd, reference-chunks.ts),
 * which holds the day-to-day variation that sampling noise misses. Tests with a p-value are judged at
 * p < 0.05 after Holm's correction across the window's tests (adjust-window-p-values.ts), unless the
 * reference chunks drift far more often than that (weekday in daily windows): then by a distance
 * (Wasserstein for numbers, Jensen–Shannon for categories) against the chunks' spread.
 *
 * @example
 * const drift = new DriftService(store);
 * const answer = await drift.drift({ model: "m", fromMs, toMs, sizeMs: 86_400_000, originMs: 0, version: "v1" });
 */
export class DriftService {
  private readonly profiles = new Map<string, Promise<ReferenceProfile>>();
  private readonly thresholds = new Map<string, CalibratedThreshold>();
  private readonly chunks = new Map<string, Promise<ReferenceChunks>>();
  private readonly spreads = new Map<string, ChunkVariation>();
  private readonly drifting = new Map<string, number>();
  private readonly pca = new Map<string, Promise<MultivariateModel>>();

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
   * verdict. Distances are judged against the largest of the minimum effect, the sampling threshold at
   * the window's size and, with `chunks`, the spread of the reference's own time chunks; p-value tests
   * at p < 0.05 (Holm-adjusted later), unless the reference chunks show the test alarms far more often
   * than its level, in which case the column is judged by a distance against those chunks.
   */
  compareColumn(
    profile: ReferenceProfile,
    column: ReferenceColumn,
    current: ColumnCounts,
    options: DriftOptions & { method?: DriftMethod } = {},
    chunks: ReferenceChunks | null = null,
  ): ColumnDriftResult {
    const prepared = prepareComparison(column, current, options.method);
    const result = runComparison(column, current, prepared);
    const own = chunks?.byColumn.get(column.name) ?? [];
    const base = {
      column: column.name,
      type: column.type,
      method: prepared.method,
      statistic: result.statistic,
      p_value: result.p_value,
      p_adjusted: null,
      p_adjustment: null,
      tests_in_window: 0,
      reason: prepared.reason,
      reference_rows: column.counts.present,
      rows: current.present,
    };
    if (result.p_value !== null) {
      if (chunks && options.method === undefined && own.length >= MIN_CHUNKS) {
        const drifting = this.driftingChunks(chunks, column, prepared);
        if (distrustsPValues(drifting, own.length)) {
          return this.compareWithChunks(base, column, current, chunks, drifting);
        }
      }
      return {
        ...base,
        threshold: DEFAULT_P_VALUE_THRESHOLD,
        drift_detected: judge(result, DEFAULT_P_VALUE_THRESHOLD),
        threshold_source: "p_value",
        reference_chunks: null,
      };
    }
    const calibrated = this.threshold(profile, column, prepared.method, current.present, options.minEffect);
    const spread = chunks && own.length > 0 ? this.spread(chunks, column, prepared) : null;
    const chunkThreshold = spread?.threshold ?? Number.NEGATIVE_INFINITY;
    const threshold = Math.max(calibrated.threshold, chunkThreshold);
    return {
      ...base,
      threshold,
      drift_detected: judge(result, threshold),
      threshold_source:
        chunkThreshold > calibrated.threshold
          ? "reference_chunks"
          : calibrated.threshold > calibrated.calibrated
            ? "min_effect"
            : "calibrated",
      reference_chunks: spread,
    };
  }

  /**
   * The reference cut into chunks of the scope's window size and alignment by its `timestamp`, counted
   * per column over the drift bins (chunks below MIN_CHUNK_ROWS dropped); computed once per version and
   * window grid. Empty when the reference has no timestamps, so only the sampling threshold applies.
   */
  referenceChunks(profile: ReferenceProfile, scope: WindowScope): Promise<ReferenceChunks> {
    const offset = ((scope.originMs % scope.sizeMs) + scope.sizeMs) % scope.sizeMs;
    const key = [profile.model, profile.version, profile.rows, scope.sizeMs, offset].join("\u0000");
    let chunks = this.chunks.get(key);
    if (!chunks) {
      chunks = this.buildReferenceChunks(profile, key, scope.sizeMs, offset);
      chunks.catch(() => this.chunks.delete(key));
      this.chunks.set(key, chunks);
    }
    return chunks;
  }

  private async buildReferenceChunks(
    profile: ReferenceProfile,
    key: string,
    sizeMs: number,
    offsetMs: number,
  ): Promise<ReferenceChunks> {
    const byColumn = new Map<string, ColumnCounts[]>();
    const columns = profile.columns;
    if (columns.length > 0) {
      const chunks = await this.store.windows.referenceChunkCounts(
        profile.model,
        profile.version,
        columns.map((c) => c.bins),
        sizeMs,
        offsetMs,
      );
      for (const column of columns) {
        const counts = usableChunks(
          chunks.flatMap((chunk) => {
            const c = chunk.columns.get(column.name);
            return c ? [c] : [];
          }),
        );
        if (counts.length > 0) byColumn.set(column.name, counts);
      }
    }
    return { key, sizeMs, byColumn };
  }

  private spread(chunks: ReferenceChunks, column: ReferenceColumn, like: Comparison): ChunkVariation {
    const key = [chunks.key, column.name, like.method, like.topK ?? ""].join("\u0000");
    let spread = this.spreads.get(key);
    if (!spread) {
      spread = chunkVariation(column, chunks.byColumn.get(column.name) ?? [], chunks.sizeMs, like);
      this.spreads.set(key, spread);
    }
    return spread;
  }

  /** Chunks whose ordinary p-value test against the rest of the reference says "drift" (p < 0.05). */
  private driftingChunks(chunks: ReferenceChunks, column: ReferenceColumn, like: Comparison): number {
    const key = [chunks.key, column.name, like.method, like.topK ?? "", "p"].join("\u0000");
    let drifting = this.drifting.get(key);
    if (drifting === undefined) {
      drifting = (chunks.byColumn.get(column.name) ?? []).filter((chunk) => {
        const rest = withoutChunk(column, chunk);
        const result = runComparison(rest, chunk, prepareComparison(rest, chunk, like));
        return judge(result, DEFAULT_P_VALUE_THRESHOLD);
      }).length;
      this.drifting.set(key, drifting);
    }
    return drifting;
  }

  /** Judges a column whose p-value test the reference chunks distrust by a distance against their spread. */
  private compareWithChunks(
    base: Pick<ColumnDriftResult, "column" | "type" | "reference_rows" | "rows">,
    column: ReferenceColumn,
    current: ColumnCounts,
    chunks: ReferenceChunks,
    drifting: number,
  ): ColumnDriftResult {
    // An effect size on the column's own scale: Wasserstein in reference sd for numbers (Jensen–Shannon
    // over 1,000 fine quantile bins would mostly measure sampling noise at a few hundred rows).
    const like: Comparison = {
      method: column.bins.binning === "cuts" ? "binned-wasserstein" : "jensen-shannon",
    };
    const statistic = chunkStatistic(column, current, like);
    const spread = { ...this.spread(chunks, column, like), drifting_chunks: drifting };
    const threshold = spread.threshold ?? 0;
    const size = `${spread.size_ms / 3_600_000}h`;
    return {
      ...base,
      method: like.method,
      statistic,
      p_value: null,
      p_adjusted: null,
      p_adjustment: null,
      tests_in_window: 0,
      threshold,
      drift_detected: statistic > threshold,
      reason: `${drifting} of ${spread.chunks} reference chunks of ${size} (by the reference timestamp) drift from the rest of the reference at p < 0.05, far more than the test's 5% level allows: ${column.name} varies between windows beyond sampling noise, so it is judged by ${like.method} against mean + 3 sd of those chunks`,
      threshold_source: "reference_chunks",
      reference_chunks: spread,
    };
  }

  private pcaModel(
    profile: ReferenceProfile,
    columns: ReferenceColumn[],
    scope: WindowScope,
    chunks: boolean,
  ) {
    const offset = ((scope.originMs % scope.sizeMs) + scope.sizeMs) % scope.sizeMs;
    const key = [
      chunks,
      profile.model,
      profile.version,
      profile.rows,
      scope.sizeMs,
      offset,
      ...columns.map((c) => c.name),
    ].join("\u0000");
    let model = this.pca.get(key);
    if (!model) {
      model = this.fitPca(profile, columns, chunks ? scope.sizeMs : null, offset);
      model.catch(() => this.pca.delete(key));
      this.pca.set(key, model);
    }
    return model;
  }

  private async fitPca(
    profile: ReferenceProfile,
    columns: ReferenceColumn[],
    sizeMs: number | null,
    offsetMs: number,
  ): Promise<MultivariateModel> {
    const { model, version } = profile;
    const rows = await this.store.windows.referenceNumericSample(
      model,
      version,
      columns,
      MULTIVARIATE_REFERENCE_ROWS,
    );
    if (sizeMs === null) return fitMultivariate(rows);
    const chunks = await this.store.windows.referenceChunkSample(
      model,
      version,
      columns,
      sizeMs,
      offsetMs,
      MULTIVARIATE_SAMPLE_ROWS,
    );
    return withChunkBand(
      fitMultivariate(rows),
      chunks.map((c) => c.rows),
    );
  }

  private async multivariate(
    profile: ReferenceProfile,
    scope: WindowScope,
    chunks: boolean,
  ): Promise<Map<number, MultivariateDrift>> {
    const columns = profile.columns.filter((c) => c.source === "feature" && c.bins.binning === "cuts");
    const out = new Map<number, MultivariateDrift>();
    if (columns.length < 2) return out;
    const fitted = await this.pcaModel(profile, columns, scope, chunks);
    const samples = await this.store.windows.numericSample(scope, columns, MULTIVARIATE_SAMPLE_ROWS);
    const names = columns.map((c) => c.name);
    for (const sample of samples) {
      if (sample.rows.length > 0) out.set(sample.fromMs, multivariateDrift(fitted, names, sample.rows));
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
    const chunks = options.referenceChunks === false ? null : await this.referenceChunks(profile, versioned);
    const multivariate =
      options.multivariate === false
        ? new Map<number, MultivariateDrift>()
        : await this.multivariate(profile, versioned, options.referenceChunks !== false);
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
        for (const method of options.methods ?? [undefined]) {
          if (method !== undefined && !methodFits(column, method)) continue;
          columns.push(
            this.compareColumn(
              profile,
              column,
              current,
              { ...options, ...(method === undefined ? {} : { method }) },
              chunks,
            ),
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
