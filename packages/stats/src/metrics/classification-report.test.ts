import { describe, expect, it } from "vitest";
import { isClose } from "../internal/close.js";
import { loadFixture } from "../internal/fixture.js";
import type { ClassLabel } from "./class-label.js";
import { classificationReport } from "./classification-report.js";

interface Scores {
  precision: number;
  recall: number;
  f1: number;
}
interface Case {
  kind: string;
  name: string;
  y_true: ClassLabel[];
  y_pred: ClassLabel[];
  labels: ClassLabel[] | null;
  matrix: number[][];
  accuracy: number;
  averages: { macro: Scores; weighted: Scores };
}

const cases = loadFixture<Case>("metrics").filter((c) => c.kind === "classification");

describe("classificationReport agrees with sklearn's averages and confusion matrix", () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = classificationReport(c.y_true, c.y_pred, c.labels ?? undefined);
      expect(isClose(r.accuracy, c.accuracy)).toBe(true);
      for (const average of ["macro", "weighted"] as const) {
        for (const k of ["precision", "recall", "f1"] as const) {
          expect(isClose(r[average][k], c.averages[average][k]), `${average} ${k}`).toBe(true);
        }
      }
      // Diagonal of sklearn's confusion matrix = per-class true positives = recall × support.
      r.classes.forEach((row, i) => {
        expect(row.recall * row.support).toBeCloseTo(c.matrix[i]?.[i] ?? 0, 9);
      });
    });
  }
});
