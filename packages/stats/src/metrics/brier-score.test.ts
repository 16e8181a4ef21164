import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../internal/close.js";
import { loadFixture } from "../internal/fixture.js";
import { brierScore } from "./brier-score.js";
import type { ClassLabel } from "./class-label.js";

interface Case {
  kind: string;
  name: string;
  y_true: ClassLabel[];
  scores: number[];
  brier: number | null;
}

const cases = loadFixture<Case>("metrics").filter((c) => c.kind === "scores" && c.brier !== null);

describe("brierScore vs sklearn.metrics.brier_score_loss", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThan(30));
  for (const c of cases) {
    it(c.name, () => expect(isClose(brierScore(c.y_true, c.scores), c.brier as number)).toBe(true));
  }

  it("throws for probabilities outside [0, 1], as sklearn", () => {
    expect(() => brierScore([0, 1], [0.5, 1.5])).toThrow(RangeError);
  });

  it("lies in [0, 1]", () => {
    const rows = fc.array(fc.tuple(fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })), {
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(rows, (r) => {
        const b = brierScore(
          r.map((x) => (x[0] ? 1 : 0)),
          r.map((x) => x[1]),
        );
        return b >= 0 && b <= 1;
      }),
    );
  });
});
