import { describe, expect, it } from "vitest";
import { isClose } from "../internal/close.js";
import { loadFixture } from "../internal/fixture.js";
import type { ClassLabel } from "./class-label.js";
import { rocAucOneVsRest } from "./roc-auc-one-vs-rest.js";

interface Case {
  kind: string;
  name: string;
  y_true: ClassLabel[];
  probabilities: number[][];
  roc_auc_ovr?: number;
}

const cases = loadFixture<Case>("metrics").filter((c) => c.roc_auc_ovr !== undefined);

describe("rocAucOneVsRest vs roc_auc_score(multi_class='ovr', average='macro')", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThanOrEqual(8));
  for (const c of cases) {
    it(c.name, () => expect(isClose(rocAucOneVsRest(c.y_true, c.probabilities), c.roc_auc_ovr!)).toBe(true));
  }

  it("is NaN when a class is absent from the truth (sklearn raises)", () => {
    expect(
      rocAucOneVsRest(
        [0, 1],
        [
          [0.5, 0.3, 0.2],
          [0.1, 0.8, 0.1],
        ],
        [0, 1, 2],
      ),
    ).toBeNaN();
  });
});
