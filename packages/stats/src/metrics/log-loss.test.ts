import { describe, expect, it } from "vitest";
import { isClose } from "../internal/close.js";
import { loadFixture } from "../internal/fixture.js";
import type { ClassLabel } from "./class-label.js";
import { logLoss } from "./log-loss.js";

interface ScoresCase {
  kind: "scores";
  name: string;
  y_true: ClassLabel[];
  scores: number[];
  log_loss: number | null;
}
interface MulticlassCase {
  kind: "multiclass_probabilities";
  name: string;
  y_true: ClassLabel[];
  probabilities: number[][];
  labels: ClassLabel[] | null;
  log_loss: number;
}

const all = loadFixture<ScoresCase | MulticlassCase>("metrics");
const binary = all.filter((c): c is ScoresCase => c.kind === "scores" && c.log_loss !== null);
const multiclass = all.filter((c): c is MulticlassCase => c.kind === "multiclass_probabilities");

describe("logLoss vs sklearn.metrics.log_loss (eps='auto', 1.2.1)", () => {
  it("has cases, including probabilities of exactly 0 and 1", () => {
    expect(binary.length + multiclass.length).toBeGreaterThan(35);
    expect(binary.some((c) => c.name === "scores-extreme-probabilities")).toBe(true);
  });
  for (const c of binary) {
    it(c.name, () => expect(isClose(logLoss(c.y_true, c.scores), c.log_loss as number)).toBe(true));
  }
  for (const c of multiclass) {
    it(c.name, () => {
      const got = logLoss(c.y_true, c.probabilities, c.labels ? { labels: c.labels } : {});
      expect(isClose(got, c.log_loss), `${got} vs ${c.log_loss}`).toBe(true);
    });
  }

  it("throws with a single known label, as sklearn", () => {
    expect(() => logLoss([1, 1], [0.5, 0.6])).toThrow(RangeError);
  });
});
