import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import type { DriftTestResult } from "../drift-test-result.js";
import { countPair, counts, permutedCountPair } from "./count-arbitraries.js";
import { type CountCase, countCases } from "./count-fixture.js";

/** What {@link describeCountDistance} needs to know about a distance on two count vectors. */
export interface CountDistanceSuite {
  /** The function's name, for the test titles. */
  name: string;
  distance: (reference: ArrayLike<number>, current: ArrayLike<number>) => DriftTestResult;
  /** Where the fixture holds the expected value, and what computed it (for the title). */
  expected: (c: CountCase) => number;
  source: string;
  /** Inclusive upper bound of the distance (Infinity when only non-negative). */
  max: number;
  symmetric: boolean;
}

/**
 * The shared tests of a count-vector distance (PSI, KL, Jensen–Shannon, Hellinger, total variation):
 * every case of fixtures/drift_binned.json at 1e-9 relative (abs 1e-12, because mathematically zero
 * distances come out as rounding noise), `p_value` null, and the properties zero on identical
 * vectors, bounds, invariance under a consistent permutation of categories, and symmetry where the
 * distance is symmetric.
 *
 * @example
 * describeCountDistance({ name: "hellinger", distance: hellinger, expected: (c) => c.hellinger,
 *   source: "NumPy formula", max: 1, symmetric: true });
 */
export function describeCountDistance(suite: CountDistanceSuite): void {
  const { name, distance, expected, max } = suite;
  const statistic = (r: ArrayLike<number>, c: ArrayLike<number>) => distance(r, c).statistic;
  describe(`${name} matches the reference (${suite.source})`, () => {
    for (const c of countCases()) {
      it(c.name, () => {
        const r = distance(c.reference, c.current);
        expect(r.p_value).toBeNull();
        expect(isClose(r.statistic, expected(c), 1e-9, 1e-12), `${r.statistic} vs ${expected(c)}`).toBe(true);
      });
    }
  });
  describe(`${name} properties`, () => {
    it("is 0 for identical vectors", () => {
      fc.assert(fc.property(counts, (v) => Math.abs(statistic(v, v)) < 1e-12));
    });
    it(`is in [0, ${max}]`, () => {
      fc.assert(
        fc.property(countPair, ({ reference, current }) => {
          const d = statistic(reference, current);
          return d >= 0 && d <= max && Number.isFinite(d);
        }),
      );
    });
    it("is invariant under a consistent permutation of categories", () => {
      fc.assert(
        fc.property(permutedCountPair, (p) =>
          isClose(
            statistic(p.reference, p.current),
            statistic(p.permutedReference, p.permutedCurrent),
            1e-9,
            1e-12,
          ),
        ),
      );
    });
    if (suite.symmetric) {
      it("is symmetric", () => {
        fc.assert(
          fc.property(countPair, ({ reference, current }) =>
            isClose(statistic(reference, current), statistic(current, reference), 1e-12, 1e-15),
          ),
        );
      });
    }
  });
}
