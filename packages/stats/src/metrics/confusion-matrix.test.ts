import { describe, expect, it } from "vitest";
import { loadFixture } from "../internal/fixture.js";
import type { ClassLabel } from "./class-label.js";
import { confusionMatrix } from "./confusion-matrix.js";

interface Case {
  kind: string;
  name: string;
  y_true: ClassLabel[];
  y_pred: ClassLabel[];
  labels: ClassLabel[] | null;
  matrix_labels: ClassLabel[];
  matrix: number[][];
}

const cases = loadFixture<Case>("metrics").filter((c) => c.kind === "classification");

describe("confusionMatrix vs sklearn.metrics.confusion_matrix", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThan(40));
  for (const c of cases) {
    it(c.name, () => {
      const cm = confusionMatrix(c.y_true, c.y_pred, c.labels ?? undefined);
      expect(cm.labels).toEqual(c.matrix_labels);
      expect(cm.counts).toEqual(c.matrix);
    });
  }

  it("throws on mixed string and number labels and on unequal lengths", () => {
    expect(() => confusionMatrix([1, "a"], [1, 1])).toThrow(TypeError);
    expect(() => confusionMatrix([1, 0], [1])).toThrow(RangeError);
  });
});
