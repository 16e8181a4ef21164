import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { countPair, counts, permutedCountPair } from "./count-arbitraries.js";
import { countCases } from "./count-fixture.js";
import { hellinger } from "./hellinger.js";

// Statistics 1e-9 relative; abs 1e-12 because mathematically zero distances come out as rounding noise.
describe("hellinger matches the reference (NumPy formula)", () => {
  for (const c of countCases()) {
    it(c.name, () => {
      const r = hellinger(c.reference, c.current);
      expect(r.p_value).toBeNull();
      expect(isClose(r.statistic, c.hellinger, 1e-9, 1e-12), `${r.statistic} vs ${c.hellinger}`).toBe(true);
    });
  }
});

describe("hellinger properties", () => {
  it("is 0 for identical vectors", () => {
    fc.assert(fc.property(counts, (v) => Math.abs(hellinger(v, v).statistic) < 1e-12));
  });
  it("is in [0, 1]", () => {
    fc.assert(
      fc.property(countPair, ({ reference, current }) => {
        const d = hellinger(reference, current).statistic;
        return d >= 0 && d <= 1;
      }),
    );
  });
  it("is invariant under a consistent permutation of categories", () => {
    fc.assert(
      fc.property(permutedCountPair, (p) =>
        isClose(
          hellinger(p.reference, p.current).statistic,
          hellinger(p.permutedReference, p.permutedCurrent).statistic,
          1e-9,
          1e-12,
        ),
      ),
    );
  });
  it("is symmetric", () => {
    fc.assert(
      fc.property(countPair, ({ reference, current }) =>
        isClose(
          hellinger(reference, current).statistic,
          hellinger(current, reference).statistic,
          1e-12,
          1e-15,
        ),
      ),
    );
  });
});
