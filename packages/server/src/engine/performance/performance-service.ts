import { isotonicRegression, type ScoreCalibrator, uniformCalibrationEdges } from "@sightline/stats";
import { SightlineError } from "../../errors.js";
import type { PerformanceSource, PerformanceStore, ScoreBinning } from "../../store/performance-store.js";
import type { Segment } from "../check.js";
import { fixedWindows, type Window } from "../window.js";
import { positiveClass } from "./class-key.js";
import { detectTask, maxClasses, type PerformanceTask } from "./detect-task.js";
import {
  buildPerformanceReport,
  type PerformanceMetricsJson,
  type PerformanceReport,
} from "./performance-report.js";

/** What to compute performance for; times are event-time epoch ms. */
export interface PerformanceQuery {
  model: string;
  /** Default: the model's first prediction. */
  fromMs?: number;
  /** Default: just after the model's last prediction. */
  toMs?: number;
  /** Fixed window size (aligned as `fixedWindows`); default one window over `[from, to)`. */
  windowMs?: number;
  version?: string;
  segment?: Segment;
  /** Overrides task detection. */
  task?: PerformanceTask;
}

export interface PerformanceOptions {
  /** Scores are grouped by their value rounded to this many decimals (ROC AUC, AP, CBPE). Default 3. */
  scoreDecimals: number;
  /** Equal-width bins for ECE. Default 10, as scikit-learn's `calibration_curve`. */
  calibrationBins: number;
  /** Most windows one request may ask for. Default 10,000. */
  maxWindows: number;
}

const defaults: PerformanceOptions = { scoreDecimals: 3, calibrationBins: 10, maxWindows: 10_000 };

/**
 * Performance per window and cumulative, with label coverage and lag, and CBPE estimates for binary
 * classifiers calibrated on the version's reference: the store aggregates, the pure
 * `buildPerformanceReport` computes.
 *
 * @example
 * const service = new PerformanceService(store.performance);
 * const report = await service.report({ model: "flight-delay", windowMs: 86_400_000 });
 */
export class PerformanceService {
  private readonly options: PerformanceOptions;

  constructor(
    private readonly store: PerformanceStore,
    options: Partial<PerformanceOptions> = {},
  ) {
    this.options = { ...defaults, ...options };
  }

  private get binning(): ScoreBinning {
    return {
      decimals: this.options.scoreDecimals,
      calibrationInnerEdges: uniformCalibrationEdges(this.options.calibrationBins).slice(1, -1),
    };
  }

  /** The windows of a query, clipped to `[from, to)`, and the origin and size the store numbers them by. */
  private async plan(
    query: PerformanceQuery,
  ): Promise<{ windows: Window[]; originMs: number; sizeMs: number }> {
    let fromMs = query.fromMs;
    let toMs = query.toMs;
    if (fromMs === undefined || toMs === undefined) {
      const range = await this.store.timeRange(query.model, query.version);
      fromMs ??= range?.minMs ?? 0;
      toMs ??= range ? range.maxMs + 1 : fromMs + 1;
    }
    if (!(toMs > fromMs)) {
      throw new SightlineError("SL_INVALID_QUERY", "to must be after from", { field: "to" });
    }
    if (query.windowMs === undefined)
      return { windows: [{ fromMs, toMs }], originMs: fromMs, sizeMs: toMs - fromMs };
    const aligned = fixedWindows(fromMs, toMs, query.windowMs);
    if (aligned.length > this.options.maxWindows) {
      throw new SightlineError(
        "SL_INVALID_QUERY",
        `window ${query.windowMs} ms over [from, to) makes ${aligned.length} windows; at most ${this.options.maxWindows}`,
        { field: "window" },
      );
    }
    const lo = fromMs;
    const hi = toMs;
    return {
      windows: aligned.map((w) => ({ fromMs: Math.max(w.fromMs, lo), toMs: Math.min(w.toMs, hi) })),
      originMs: aligned[0]?.fromMs ?? fromMs,
      sizeMs: query.windowMs,
    };
  }

  /** The version a query's reference comes from: the asked one, else the only one in the rows. */
  private static referenceVersion(query: PerformanceQuery, versions: readonly string[]): string | undefined {
    return query.version ?? (versions.length === 1 ? versions[0] : undefined);
  }

  /**
   * The isotonic calibrator of P(positive | score) fitted on a version's labelled reference rows with a
   * `score` column (as NannyML's CBPE), from counts per rounded score; null without such rows.
   */
  async calibrator(model: string, version: string, positive: string): Promise<ScoreCalibrator | null> {
    const bins = await this.store.scoreBins({ kind: "reference", model, version }, positive, {
      decimals: this.options.scoreDecimals,
      calibrationInnerEdges: [],
    });
    const rows = bins.filter((b) => b.positives + b.negatives > 0);
    if (rows.length === 0) return null;
    const ordered = [...rows].sort((a, b) => a.score - b.score);
    return isotonicRegression(
      ordered.map((b) => b.score),
      ordered.map((b) => b.positives / (b.positives + b.negatives)),
      ordered.map((b) => b.positives + b.negatives),
    );
  }

  /** Performance per window and cumulative, with coverage, lag and CBPE, for one query. */
  async report(query: PerformanceQuery): Promise<PerformanceReport> {
    const { windows, originMs, sizeMs } = await this.plan(query);
    const first = windows[0] as Window;
    const last = windows[windows.length - 1] as Window;
    const source: PerformanceSource = {
      kind: "predictions",
      model: query.model,
      fromMs: first.fromMs,
      toMs: last.toMs,
      originMs,
      sizeMs,
      ...(query.version === undefined ? {} : { version: query.version }),
      ...(query.segment === undefined ? {} : { segment: query.segment }),
    };
    const profile = await this.store.profile(source, maxClasses);
    const version = PerformanceService.referenceVersion(query, profile.versions);
    let task = query.task ?? detectTask(profile);
    let classes = profile.classes;
    if (task === null && version !== undefined) {
      const reference = await this.store.profile(
        { kind: "reference", model: query.model, version },
        maxClasses,
      );
      task = detectTask(reference);
      classes = reference.classes;
    }
    const coverage = await this.store.coverage(source);
    const base = { task, windows, coverage, calibrationBins: this.options.calibrationBins };
    if (task === "binary") {
      const positive = positiveClass(classes);
      if (positive === undefined) return buildPerformanceReport(base);
      const [binaryCounts, scoreBins, scoreGroups, calibrator] = await Promise.all([
        this.store.binaryCounts(source, positive),
        this.store.scoreBins(source, positive, this.binning),
        this.store.scoreGroups(source, positive, this.options.scoreDecimals),
        version === undefined ? null : this.calibrator(query.model, version, positive),
      ]);
      return buildPerformanceReport({
        ...base,
        positiveClass: positive,
        binaryCounts,
        scoreBins,
        scoreGroups,
        calibrator,
      });
    }
    if (task === "multiclass")
      return buildPerformanceReport({ ...base, classPairs: await this.store.classPairs(source) });
    if (task === "regression")
      return buildPerformanceReport({ ...base, regressionSums: await this.store.regressionSums(source) });
    return buildPerformanceReport(base);
  }

  /**
   * The realised metrics of a version's labelled reference rows (prediction, label and `score` columns),
   * the baseline performance monitors compare with; null when the reference has no labels.
   */
  async referenceMetrics(
    model: string,
    version: string,
    task: PerformanceTask,
    positive?: string,
  ): Promise<PerformanceMetricsJson | null> {
    const source: PerformanceSource = { kind: "reference", model, version };
    const windows = [{ fromMs: 0, toMs: 1 }];
    const base = { task, windows, coverage: [], calibrationBins: this.options.calibrationBins };
    if (task === "binary") {
      const classes = positive === undefined ? (await this.store.profile(source, maxClasses)).classes : [];
      const pos = positive ?? positiveClass(classes);
      if (pos === undefined) return null;
      const [binaryCounts, scoreBins] = await Promise.all([
        this.store.binaryCounts(source, pos),
        this.store.scoreBins(source, pos, this.binning),
      ]);
      return buildPerformanceReport({ ...base, binaryCounts, scoreBins }).windows[0]?.metrics ?? null;
    }
    if (task === "multiclass") {
      const classPairs = await this.store.classPairs(source);
      return buildPerformanceReport({ ...base, classPairs }).windows[0]?.metrics ?? null;
    }
    const regressionSums = await this.store.regressionSums(source);
    return buildPerformanceReport({ ...base, regressionSums }).windows[0]?.metrics ?? null;
  }
}
