import { describe, expect, it } from "vitest";
import { estimatePerformanceFromProbabilities } from "../estimation/cbpe.js";
import { applyCalibration, calibrateScores } from "../estimation/score-calibrator.js";
import { loadFixture } from "../internal/fixture.js";
import { averagePrecision } from "./average-precision.js";
import { binnedAveragePrecision } from "./average-precision-binned.js";
import { calibration } from "./calibration.js";
import { calibrationFromBinSums, uniformCalibrationEdges } from "./calibration-binned.js";
import { estimatePerformanceFromScoreGroups } from "./cbpe-score-groups.js";

interface Sample {
  kind: string;
  scores: number[];
  labels: number[];
}

// The CBPE fixture's LogisticRegression probabilities (scikit-learn), a reference and ten windows. The
// row-level functions these summaries must agree with are themselves tested against scikit-learn.
const samples = loadFixture<Sample>("cbpe");
const reference = samples.find((c) => c.kind === "reference")!;
const windows = samples.filter((c) => c.kind === "chunk");
const round3 = (x: number) => Math.round(x * 1000) / 1000;

function groupByScore(labels: number[], scores: number[]) {
  const distinct = [...new Set(scores)].sort((a, b) => a - b);
  const index = new Map(distinct.map((s, i) => [s, i]));
  const positives = new Array<number>(distinct.length).fill(0);
  const negatives = new Array<number>(distinct.length).fill(0);
  scores.forEach((s, i) => {
    const b = index.get(s)!;
    if (labels[i] === 1) positives[b]!++;
    else negatives[b]!++;
  });
  return { positives, negatives };
}

describe("binnedAveragePrecision", () => {
  it("equals averagePrecision when each bin holds one distinct score (raw and rounded scores)", () => {
    for (const s of [reference, ...windows]) {
      for (const scores of [s.scores, s.scores.map(round3)]) {
        const g = groupByScore(s.labels, scores);
        expect(binnedAveragePrecision(g.positives, g.negatives)).toBeCloseTo(
          averagePrecision(s.labels, scores),
          12,
        );
      }
    }
  });

  it("is 0 without positives and NaN without rows", () => {
    expect(binnedAveragePrecision([0, 0], [1, 2])).toBe(0);
    expect(binnedAveragePrecision([], [])).toBeNaN();
  });
});

describe("calibrationFromBinSums", () => {
  it("equals calibration on the rows, for 10 and 15 bins", () => {
    for (const binCount of [10, 15]) {
      const edges = uniformCalibrationEdges(binCount);
      for (const s of [reference, ...windows]) {
        const sums = Array.from({ length: binCount }, () => ({ count: 0, sumPredicted: 0, positives: 0 }));
        s.scores.forEach((p, i) => {
          const b = edges.slice(1, -1).filter((e) => e < p).length;
          sums[b]!.count++;
          sums[b]!.sumPredicted += p;
          if (s.labels[i] === 1) sums[b]!.positives++;
        });
        const expected = calibration(s.labels, s.scores, binCount);
        const actual = calibrationFromBinSums(sums);
        expect(actual.expectedCalibrationError).toBeCloseTo(expected.expectedCalibrationError, 12);
        expect(actual.maxCalibrationError).toBeCloseTo(expected.maxCalibrationError, 12);
        expect(actual.bins.map((b) => b.count)).toEqual(expected.bins.map((b) => b.count));
      }
    }
  });
});

describe("estimatePerformanceFromScoreGroups", () => {
  it("equals estimatePerformanceFromProbabilities on the expanded rows", () => {
    const calibrator = calibrateScores(reference.scores, reference.labels);
    for (const s of windows) {
      const scores = s.scores.map(round3);
      const key = (score: number, positive: boolean) => `${score}|${positive}`;
      const counts = new Map<string, { score: number; predictedPositive: boolean; count: number }>();
      for (const score of scores) {
        const predictedPositive = score >= 0.5;
        const k = key(score, predictedPositive);
        const g = counts.get(k) ?? { score, predictedPositive, count: 0 };
        g.count++;
        counts.set(k, g);
      }
      const grouped = estimatePerformanceFromScoreGroups([...counts.values()], calibrator);
      const rows = estimatePerformanceFromProbabilities(applyCalibration(calibrator, scores), scores, 0.5);
      expect(grouped.n).toBe(rows.n);
      for (const m of ["accuracy", "precision", "recall", "f1", "rocAuc"] as const) {
        expect(grouped[m].value).toBeCloseTo(rows[m].value, 10);
        expect(grouped[m].standardError).toBeCloseTo(rows[m].standardError, 10);
      }
    }
  });

  it("drops groups with a non-finite score", () => {
    const calibrator = calibrateScores([0.1, 0.9], [0, 1]);
    const e = estimatePerformanceFromScoreGroups(
      [
        { score: Number.NaN, predictedPositive: true, count: 3 },
        { score: 0.9, predictedPositive: true, count: 2 },
      ],
      calibrator,
    );
    expect(e.dropped).toBe(3);
    expect(e.n).toBe(2);
  });
});
