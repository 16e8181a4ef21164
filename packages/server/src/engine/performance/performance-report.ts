import { estimatePerformanceFromScoreGroups, type ScoreCalibrator } from "@sightline/stats";
import type {
  BinaryCountsRow,
  ClassPairRow,
  RegressionSumsRow,
  ScoreBinRow,
  ScoreGroupRow,
  WindowCoverage,
} from "../../store/performance-store.js";
import { type Window, windowToJson } from "../window.js";
import {
  addBinaryRows,
  type BinaryMetricsJson,
  type BinarySummary,
  binaryMetrics,
  emptyBinarySummary,
  mergeBinarySummaries,
} from "./binary-summary.js";
import { classValue } from "./class-key.js";
import type { PerformanceTask } from "./detect-task.js";
import { finite } from "./finite.js";
import { addClassPairs, type MulticlassMetricsJson, multiclassMetrics } from "./multiclass-summary.js";
import { type RegressionMetricsJson, regressionMetrics, regressionSummaryOf } from "./regression-summary.js";

/** z for the two-sided 95% interval: `expected_error` is 1.96 standard errors. */
export const expectedErrorZ = 1.959963984540054;

export type PerformanceMetricsJson = BinaryMetricsJson | MulticlassMetricsJson | RegressionMetricsJson;

/** CBPE estimate of a window: the metric and the half-width of its 95% interval. */
export interface EstimatedPerformanceJson {
  rows: number;
  metrics: {
    accuracy: number | null;
    precision: number | null;
    recall: number | null;
    f1: number | null;
    roc_auc: number | null;
  };
  expected_error: {
    accuracy: number | null;
    precision: number | null;
    recall: number | null;
    f1: number | null;
    roc_auc: number | null;
  };
}

/** One window of the performance answer. */
export interface PerformanceWindowJson {
  from: string;
  to: string;
  rows: number;
  labelled: number;
  label_coverage: number | null;
  label_lag_ms: { p50: number | null; p90: number | null };
  metrics: PerformanceMetricsJson | null;
  cumulative: {
    rows: number;
    labelled: number;
    label_coverage: number | null;
    metrics: PerformanceMetricsJson | null;
  };
  estimated: EstimatedPerformanceJson | null;
}

/** The answer of `GET /models/{m}/performance`. */
export interface PerformanceReport {
  task: PerformanceTask | null;
  positive_class: number | string | null;
  windows: PerformanceWindowJson[];
}

/** The store's aggregates for every window of a request, as `buildPerformanceReport` takes them. */
export interface PerformanceInputs {
  task: PerformanceTask | null;
  /** The windows in order; store rows carry their index. */
  windows: readonly Window[];
  coverage: readonly WindowCoverage[];
  positiveClass?: string;
  binaryCounts?: readonly BinaryCountsRow[];
  scoreBins?: readonly ScoreBinRow[];
  scoreGroups?: readonly ScoreGroupRow[];
  classPairs?: readonly ClassPairRow[];
  regressionSums?: readonly RegressionSumsRow[];
  calibrationBins: number;
  /** Fitted on the version's labelled reference; CBPE is skipped without one. */
  calibrator?: ScoreCalibrator | null;
}

function byWindow<T extends { window: number }>(rows: readonly T[] | undefined, count: number): T[][] {
  const out = Array.from({ length: count }, () => [] as T[]);
  for (const r of rows ?? []) out[r.window]?.push(r);
  return out;
}

/**
 * CBPE estimate of one window from its (score, predicted class) groups (stats'
 * `estimatePerformanceFromScoreGroups`: NannyML's confidence-based performance estimation), with the
 * expected error as the 95% half-width of its label-sampling standard error. Null without scored rows.
 *
 * @example
 * estimateWindow([{ window: 0, score: 0.9, predictedPositive: true, count: 5 }], { x: [0, 1], y: [0, 1] });
 */
export function estimateWindow(
  groups: readonly ScoreGroupRow[],
  calibrator: ScoreCalibrator,
): EstimatedPerformanceJson | null {
  const e = estimatePerformanceFromScoreGroups(groups, calibrator);
  if (e.n === 0) return null;
  const pick = (m: { value: number; standardError: number }) => [
    finite(m.value),
    finite(expectedErrorZ * m.standardError),
  ];
  const metrics = {
    accuracy: e.accuracy,
    precision: e.precision,
    recall: e.recall,
    f1: e.f1,
    roc_auc: e.rocAuc,
  };
  const values = Object.fromEntries(Object.entries(metrics).map(([k, m]) => [k, pick(m)[0]]));
  const errors = Object.fromEntries(Object.entries(metrics).map(([k, m]) => [k, pick(m)[1]]));
  return {
    rows: e.n,
    metrics: values as EstimatedPerformanceJson["metrics"],
    expected_error: errors as EstimatedPerformanceJson["expected_error"],
  };
}

/**
 * Builds the performance answer from per-window aggregates: each window's metrics, the cumulative metrics
 * from the first window's start to the window's end (the sum of the windows' summaries, so "daily F1 vs
 * rolling F1" sit side by side), label coverage and lag, and the CBPE estimate for binary classifiers with
 * a calibrator. Pure: no store, no clock.
 *
 * @example
 * buildPerformanceReport({ task: null, windows: [{ fromMs: 0, toMs: 1 }], coverage: [], calibrationBins: 10 });
 * // { task: null, positive_class: null, windows: [{ from: "1970-01-01T00:00:00.000Z", ..., rows: 0 }] }
 */
export function buildPerformanceReport(inputs: PerformanceInputs): PerformanceReport {
  const count = inputs.windows.length;
  const coverage = byWindow(inputs.coverage, count);
  const counts = byWindow(inputs.binaryCounts, count);
  const bins = byWindow(inputs.scoreBins, count);
  const groups = byWindow(inputs.scoreGroups, count);
  const pairs = byWindow(inputs.classPairs, count);
  const sums = byWindow(inputs.regressionSums, count);
  let binaryTotal: BinarySummary = emptyBinarySummary(inputs.calibrationBins);
  const pairTotal = new Map<string, number>();
  const sumsSoFar: RegressionSumsRow[] = [];
  let rowsTotal = 0;
  let labelledTotal = 0;
  const windows = inputs.windows.map((window, i): PerformanceWindowJson => {
    const c = coverage[i]?.[0];
    const rows = c?.rows ?? 0;
    const labelled = c?.labelled ?? 0;
    rowsTotal += rows;
    labelledTotal += labelled;
    let metrics: PerformanceMetricsJson | null = null;
    let cumulative: PerformanceMetricsJson | null = null;
    if (inputs.task === "binary") {
      const own = addBinaryRows(emptyBinarySummary(inputs.calibrationBins), counts[i] ?? [], bins[i] ?? []);
      binaryTotal = mergeBinarySummaries(binaryTotal, own);
      metrics = binaryMetrics(own);
      cumulative = binaryMetrics(binaryTotal);
    } else if (inputs.task === "multiclass") {
      metrics = multiclassMetrics(addClassPairs(new Map(), pairs[i] ?? []));
      cumulative = multiclassMetrics(addClassPairs(pairTotal, pairs[i] ?? []));
    } else if (inputs.task === "regression") {
      sumsSoFar.push(...(sums[i] ?? []));
      metrics = regressionMetrics(regressionSummaryOf(sums[i] ?? []));
      cumulative = regressionMetrics(regressionSummaryOf(sumsSoFar));
    }
    const estimated =
      inputs.task === "binary" && inputs.calibrator
        ? estimateWindow(groups[i] ?? [], inputs.calibrator)
        : null;
    return {
      ...windowToJson(window),
      rows,
      labelled,
      label_coverage: rows > 0 ? labelled / rows : null,
      label_lag_ms: { p50: c?.lagP50Ms ?? null, p90: c?.lagP90Ms ?? null },
      metrics,
      cumulative: {
        rows: rowsTotal,
        labelled: labelledTotal,
        label_coverage: rowsTotal > 0 ? labelledTotal / rowsTotal : null,
        metrics: cumulative,
      },
      estimated,
    };
  });
  return {
    task: inputs.task,
    positive_class:
      inputs.task === "binary" && inputs.positiveClass !== undefined
        ? classValue(inputs.positiveClass)
        : null,
    windows,
  };
}
