import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../internal/close.js";
import { loadFixture } from "../internal/fixture.js";
import { accuracy } from "./accuracy.js";
import {
  binaryConfusionCounts,
  binaryMetricsFromCounts,
  mergeBinaryConfusionCounts,
} from "./binary-confusion-counts.js";
import type { ClassLabel } from "./class-label.js";
import { precisionRecallF1 } from "./precision-recall-f1.js";

interface Case {
  kind: string;
  name: string;
  y_true: ClassLabel[];
  y_pred: ClassLabel[];
  accuracy: number;
  positive_label?: ClassLabel;
  averages: { binary?: { precision: number; recall: number; f1: number } };
  binary_metrics?: {
    specificity: number;
    negative_predictive_value: number;
    balanced_accuracy: number;
    matthews: number;
  };
}

const cases = loadFixture<Case>("metrics").filter((c) => c.kind === "classification" && c.averages.binary);

describe("binaryMetricsFromCounts vs scikit-learn on the rows", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThan(20));
  for (const c of cases) {
    it(c.name, () => {
      const m = binaryMetricsFromCounts(binaryConfusionCounts(c.y_true, c.y_pred, c.positive_label));
      const binary = c.averages.binary!;
      const pairs: [number, number][] = [
        [m.accuracy, c.accuracy],
        [m.precision, binary.precision],
        [m.recall, binary.recall],
        [m.f1, binary.f1],
      ];
      if (c.binary_metrics) {
        pairs.push(
          [m.specificity, c.binary_metrics.specificity],
          [m.negativePredictiveValue, c.binary_metrics.negative_predictive_value],
          [m.balancedAccuracy, c.binary_metrics.balanced_accuracy],
          [m.matthewsCorrelation, c.binary_metrics.matthews],
        );
      }
      for (const [got, want] of pairs) expect(isClose(got, want), `${got} vs ${want}`).toBe(true);
    });
  }

  it("names the ratios that divided by zero", () => {
    const m = binaryMetricsFromCounts({ tp: 0, fp: 0, tn: 3, fn: 0 });
    expect(m.zeroDivision).toEqual(["precision", "recall"]);
    expect(m.precision).toBe(0);
  });

  it("agrees with the row-level functions and merges additively; all rates lie in [0, 1]", () => {
    const rows = fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(rows, fc.nat(), (pairs, cut) => {
        const yTrue = pairs.map((p) => (p[0] ? 1 : 0));
        const yPred = pairs.map((p) => (p[1] ? 1 : 0));
        const k = cut % (pairs.length + 1);
        const merged = mergeBinaryConfusionCounts([
          binaryConfusionCounts(yTrue.slice(0, k), yPred.slice(0, k)),
          binaryConfusionCounts(yTrue.slice(k), yPred.slice(k)),
        ]);
        const m = binaryMetricsFromCounts(merged);
        const prf = precisionRecallF1(yTrue, yPred);
        const rates = [m.accuracy, m.precision, m.recall, m.f1, m.specificity, m.falsePositiveRate];
        return (
          rates.every((v) => v >= 0 && v <= 1) &&
          Math.abs(m.matthewsCorrelation) <= 1 + 1e-12 &&
          isClose(m.accuracy, accuracy(yTrue, yPred), 1e-12) &&
          isClose(m.f1, prf.f1, 1e-12)
        );
      }),
    );
  });
});
