import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../internal/close.js";
import { loadFixture } from "../internal/fixture.js";
import type { ClassLabel } from "./class-label.js";
import { rocAuc } from "./roc-auc.js";

interface Case {
  kind: string;
  name: string;
  y_true: ClassLabel[];
  scores: number[];
  roc_auc: number;
}

const cases = loadFixture<Case>("metrics").filter((c) => c.kind === "scores");

describe("rocAuc vs sklearn.metrics.roc_auc_score", () => {
  it("has cases, with ties", () => {
    expect(cases.length).toBeGreaterThan(30);
    expect(cases.some((c) => c.name.includes("ties"))).toBe(true);
  });
  for (const c of cases) {
    // sklearn raises for a single class; the fixture records NaN and we return NaN.
    it(c.name, () => expect(isClose(rocAuc(c.y_true, c.scores), c.roc_auc)).toBe(true));
  }

  it("throws on non-finite scores", () => {
    expect(() => rocAuc([0, 1], [0.2, Number.NaN])).toThrow(RangeError);
  });

  const sample = fc
    .array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 20 })), { minLength: 2, maxLength: 80 })
    .filter((rows) => rows.some((r) => r[0]) && rows.some((r) => !r[0]));

  it("lies in [0, 1] and equals 1 − ROC AUC with the labels flipped (ties included)", () => {
    fc.assert(
      fc.property(sample, (rows) => {
        const scores = rows.map((r) => r[1] / 20);
        const auc = rocAuc(
          rows.map((r) => (r[0] ? 1 : 0)),
          scores,
        );
        const flipped = rocAuc(
          rows.map((r) => (r[0] ? 0 : 1)),
          scores,
        );
        return auc >= 0 && auc <= 1 && isClose(auc, 1 - flipped, 1e-12, 1e-15);
      }),
    );
  });

  it("equals the Mann–Whitney pair count (ties half) computed the slow way", () => {
    fc.assert(
      fc.property(sample, (rows) => {
        let wins = 0;
        let pairs = 0;
        for (const [pi, si] of rows) {
          for (const [pj, sj] of rows) {
            if (!pi || pj) continue;
            pairs++;
            wins += si > sj ? 1 : si === sj ? 0.5 : 0;
          }
        }
        const auc = rocAuc(
          rows.map((r) => (r[0] ? "y" : "n")),
          rows.map((r) => r[1]),
          "y",
        );
        return isClose(auc, wins / pairs, 1e-12);
      }),
    );
  });
});
