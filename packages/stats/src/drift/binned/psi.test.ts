import { describe, expect, it } from "vitest";
import { describeCountDistance } from "./count-distance.case.js";
import { psi } from "./psi.js";

describeCountDistance({
  name: "psi",
  distance: psi,
  expected: (c) => c.psi,
  source: "Evidently's formula in NumPy",
  max: Number.POSITIVE_INFINITY,
  symmetric: true,
});

describe("psi smoothing", () => {
  it("uses the epsilon option for empty cells", () => {
    // Reference shares [0.5, 0.5], current [0 -> eps, 1]: the PSI sum written out.
    const eps = 1e-3;
    const expected = (eps - 0.5) * Math.log(eps / 0.5) + (1 - 0.5) * Math.log(1 / 0.5);
    expect(psi([5, 5], [0, 10], { epsilon: eps }).statistic).toBeCloseTo(expected, 12);
    expect(() => psi([5, 5], [0, 10], { epsilon: 0 })).toThrow(RangeError);
  });
});
