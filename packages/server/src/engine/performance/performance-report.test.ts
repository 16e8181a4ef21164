import {
  averagePrecision,
  binaryConfusionCounts,
  binaryMetricsFromCounts,
  brierScore,
  calibration,
  logLoss,
  rocAuc,
  regressionMetrics as rowRegressionMetrics,
} from "@sightline/stats";
import { describe, expect, it } from "vitest";
import type { ScoreBinRow } from "../../store/performance-store.js";
import { mulberry32 } from "../../test-support/seeded-random.js";
import { buildPerformanceReport } from "./performance-report.js";
import type { RegressionMetricsJson } from "./regression-summary.js";

// What the store would answer for rows of windows 0 and 1: the same grouping the SQL does, in JS.
function scoreBinRows(window: number, labels: number[], scores: number[]): ScoreBinRow[] {
  const inner = Array.from({ length: 9 }, (_, i) => (i + 1) * (1 / 10));
  const groups = new Map<string, ScoreBinRow>();
  scores.forEach((s, i) => {
    const cb = inner.filter((e) => e < s).length;
    const key = `${s}|${cb}`;
    const g = groups.get(key) ?? {
      window,
      score: s,
      calibrationBin: cb,
      positives: 0,
      negatives: 0,
      sumScore: 0,
      sumLogLoss: 0,
      sumBrier: 0,
    };
    const y = labels[i] === 1;
    if (y) g.positives++;
    else g.negatives++;
    g.sumScore += s;
    const c = Math.min(Math.max(s, 2.220446049250313e-16), 1 - 2.220446049250313e-16);
    g.sumLogLoss += -Math.log(y ? c : 1 - c);
    g.sumBrier += ((y ? 1 : 0) - s) ** 2;
    groups.set(key, g);
  });
  return [...groups.values()];
}

describe("buildPerformanceReport", () => {
  const next = mulberry32(7);
  const make = (n: number) => {
    const scores = Array.from({ length: n }, () => Math.round(next() * 1000) / 1000);
    const labels = scores.map((s) => (next() < s ? 1 : 0));
    const preds = scores.map((s) => (s >= 0.5 ? 1 : 0));
    return { scores, labels, preds };
  };
  const days = [make(400), make(300)];
  const windows = [
    { fromMs: 0, toMs: 10 },
    { fromMs: 10, toMs: 20 },
  ];

  it("binary: per-window and cumulative metrics equal the row-level stats functions", () => {
    const report = buildPerformanceReport({
      task: "binary",
      windows,
      positiveClass: "1.0",
      calibrationBins: 10,
      coverage: days.map((d, w) => ({
        window: w,
        rows: d.scores.length + 10,
        labelled: d.scores.length,
        lagP50Ms: 5,
        lagP90Ms: 9,
      })),
      binaryCounts: days.map((d, w) => ({ window: w, ...binaryConfusionCounts(d.labels, d.preds) })),
      scoreBins: days.flatMap((d, w) => scoreBinRows(w, d.labels, d.scores)),
    });
    expect(report.positive_class).toBe(1);
    const all = {
      scores: [...days[0]!.scores, ...days[1]!.scores],
      labels: [...days[0]!.labels, ...days[1]!.labels],
      preds: [...days[0]!.preds, ...days[1]!.preds],
    };
    const check = (m: Record<string, unknown> | null, d: typeof all) => {
      const counts = binaryMetricsFromCounts(binaryConfusionCounts(d.labels, d.preds));
      expect(m?.f1).toBeCloseTo(counts.f1, 12);
      expect(m?.accuracy).toBeCloseTo(counts.accuracy, 12);
      expect(m?.roc_auc).toBeCloseTo(rocAuc(d.labels, d.scores), 12);
      expect(m?.average_precision).toBeCloseTo(averagePrecision(d.labels, d.scores), 12);
      expect(m?.log_loss).toBeCloseTo(logLoss(d.labels, d.scores), 12);
      expect(m?.brier).toBeCloseTo(brierScore(d.labels, d.scores), 12);
      expect(m?.ece).toBeCloseTo(calibration(d.labels, d.scores).expectedCalibrationError, 12);
    };
    check(report.windows[0]!.metrics as never, days[0]!);
    check(report.windows[1]!.metrics as never, days[1]!);
    check(report.windows[1]!.cumulative.metrics as never, all);
    expect(report.windows[1]!.cumulative).toMatchObject({ rows: 720, labelled: 700 });
    expect(report.windows[0]!.label_coverage).toBeCloseTo(400 / 410, 12);
    expect(report.windows[0]!.estimated).toBeNull();
  });

  it("regression: cumulative merges the windows' sums", () => {
    const y = [
      [1, 2, 3],
      [4, 5],
    ];
    const p = [
      [1.5, 2, 2],
      [5, 5.5],
    ];
    const sums = y.map((ys, w) => {
      const e = ys.map((v, i) => p[w]![i]! - v);
      return {
        window: w,
        n: ys.length,
        sumError: e.reduce((a, b) => a + b, 0),
        sumSquaredError: e.reduce((a, b) => a + b * b, 0),
        sumAbsError: e.reduce((a, b) => a + Math.abs(b), 0),
        sumAbsPercentageError: e.reduce((a, b, i) => a + Math.abs(b) / Math.abs(ys[i]!), 0),
        maxAbsError: Math.max(...e.map(Math.abs)),
        sumY: ys.reduce((a, b) => a + b, 0),
        sumY2: ys.reduce((a, b) => a + b * b, 0),
        minY: Math.min(...ys),
        maxY: Math.max(...ys),
      };
    });
    const report = buildPerformanceReport({
      task: "regression",
      windows,
      coverage: [],
      calibrationBins: 10,
      regressionSums: sums,
    });
    const expected = rowRegressionMetrics([...y[0]!, ...y[1]!], [...p[0]!, ...p[1]!]);
    const cumulative = report.windows[1]!.cumulative.metrics as RegressionMetricsJson;
    expect(cumulative.mae).toBeCloseTo(expected.meanAbsoluteError, 12);
    expect(cumulative.r2).toBeCloseTo(expected.r2, 12);
    expect(cumulative.max_error).toBeCloseTo(expected.maxError, 12);
  });

  it("windows without rows answer nulls, not zeros", () => {
    const report = buildPerformanceReport({
      task: "multiclass",
      windows,
      coverage: [],
      calibrationBins: 10,
      classPairs: [],
    });
    expect(report.windows[0]).toMatchObject({
      rows: 0,
      labelled: 0,
      label_coverage: null,
      metrics: null,
      estimated: null,
    });
    expect(report.windows[0]!.label_lag_ms).toEqual({ p50: null, p90: null });
  });
});
