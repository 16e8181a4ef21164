import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../internal/close.js";
import { loadFixture } from "../internal/fixture.js";
import { averagePrecision } from "./average-precision.js";
import type { ClassLabel } from "./class-label.js";

interface Case {
  kind: string;
  name: string;
  y_true: ClassLabel[];
  scores: number[];
  average_precision: number;
}

const cases = loadFixture<Case>("metrics").filter((c) => c.kind === "scores");

describe("averagePrecision vs sklearn.metrics.average_precision_score", () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = averagePrecision(c.y_true, c.scores);
      expect(isClose(got, c.average_precision), `${got} vs ${c.average_precision}`).toBe(true);
    });
  }

  it("lies in [0, 1]", () => {
    const rows = fc.array(fc.tuple(fc.boolean(), fc.double({ min: -5, max: 5, noNaN: true })), {
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(rows, (r) => {
        const ap = averagePrecision(
          r.map((x) => (x[0] ? 1 : 0)),
          r.map((x) => x[1]),
        );
        return ap >= 0 && ap <= 1 + 1e-12;
      }),
    );
  });
});
