import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../internal/close.js";
import { loadFixture } from "../internal/fixture.js";
import { accuracy } from "./accuracy.js";
import type { ClassLabel } from "./class-label.js";

interface Case {
  kind: string;
  name: string;
  y_true: ClassLabel[];
  y_pred: ClassLabel[];
  accuracy: number;
}

const cases = loadFixture<Case>("metrics").filter((c) => c.kind === "classification");

describe("accuracy vs sklearn.metrics.accuracy_score", () => {
  for (const c of cases) {
    it(c.name, () => expect(isClose(accuracy(c.y_true, c.y_pred), c.accuracy)).toBe(true));
  }

  it("is in [0, 1] and invariant under row order", () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), {
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(rows, fc.integer(), (pairs, seed) => {
        const a = accuracy(
          pairs.map((p) => p[0]),
          pairs.map((p) => p[1]),
        );
        const shuffled = pairs
          .map((p, i) => ({ p, key: Math.sin(seed + i * 12.9898) }))
          .sort((x, y) => x.key - y.key)
          .map((x) => x.p);
        const b = accuracy(
          shuffled.map((p) => p[0]),
          shuffled.map((p) => p[1]),
        );
        return a >= 0 && a <= 1 && a === b;
      }),
    );
  });
});
