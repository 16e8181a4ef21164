import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { countPair, counts, permutedCountPair } from "./count-arbitraries.js";
import { countCases } from "./count-fixture.js";
import { jensenShannon } from "./jensen-shannon.js";

// Statistics 1e-9 relative; abs 1e-12 because mathematically zero distances come out as rounding noise.
describe("jensenShannon matches the reference (scipy.spatial.distance.jensenshannon, base 2)", () => {
  for (const c of countCases()) {
    it(c.name, () => {
      const r = jensenShannon(c.reference, c.current);
      expect(r.p_value).toBeNull();
      expect(
        isClose(r.statistic, c.jensen_shannon, 1e-9, 1e-12),
        `${r.statistic} vs ${c.jensen_shannon}`,
      ).toBe(true);
    });
  }
});

describe("jensenShannon properties", () => {
  it("is 0 for identical vectors", () => {
    fc.assert(fc.property(counts, (v) => Math.abs(jensenShannon(v, v).statistic) < 1e-12));
  });
  it("is in [0, 1]", () => {
    fc.assert(
      fc.property(countPair, ({ reference, current }) => {
        const d = jensenShannon(reference, current).statistic;
        return d >= 0 && d <= 1;
      }),
    );
  });
  it("is invariant under a consistent permutation of categories", () => {
    fc.assert(
      fc.property(permutedCountPair, (p) =>
        isClose(
          jensenShannon(p.reference, p.current).statistic,
          jensenShannon(p.permutedReference, p.permutedCurrent).statistic,
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
          jensenShannon(reference, current).statistic,
          jensenShannon(current, reference).statistic,
          1e-12,
          1e-15,
        ),
      ),
    );
  });
});

describe("jensenShannon bounds", () => {
  it("is 1 for disjoint supports (base 2)", () => {
    expect(jensenShannon([10, 10, 0, 0], [0, 0, 3, 7]).statistic).toBeCloseTo(1, 12);
  });
});
