import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RandomSource } from "../../random/random-source.js";
import { binEdges, histogram } from "./binning.js";
import { referenceHistogram } from "./reference-histogram.js";

function expectSameAsTwoSteps(reference: ArrayLike<number>, bins: number): void {
  const cuts = binEdges(reference, { bins });
  const expected = histogram(reference, cuts);
  const got = referenceHistogram(reference, { bins });
  expect([...got.cuts]).toEqual([...cuts]);
  expect([...got.counts]).toEqual([...expected.counts]);
  expect(got.nanCount).toBe(expected.nanCount);
}

const special = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0);

describe("referenceHistogram equals binEdges + histogram", () => {
  it("on arbitrary samples with ties, non-finite values and any bin count", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double(), fc.integer({ min: -5, max: 5 }), special), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.integer({ min: 1, max: 40 }),
        (values, bins) => {
          if (!values.some((v) => Number.isFinite(v))) return;
          expectSameAsTwoSteps(values, bins);
        },
      ),
      { numRuns: 300 },
    );
  });
  it("on large samples (the cell path): normal, lognormal, rounded, with outliers", () => {
    const random = new RandomSource(7);
    const normal = Float64Array.from({ length: 60_000 }, () => random.normal());
    expectSameAsTwoSteps(normal, 10);
    expectSameAsTwoSteps(normal, 100);
    expectSameAsTwoSteps(
      normal.map((v) => Math.exp(2 * v)),
      10,
    );
    expectSameAsTwoSteps(
      normal.map((v) => Math.round(v * 4) / 4),
      10,
    );
    const outliers = normal.slice();
    outliers[5] = 1e300;
    outliers[6] = Number.NaN;
    outliers[7] = Number.NEGATIVE_INFINITY;
    expectSameAsTwoSteps(outliers, 10);
  });
  it("on heavy tails, sorted and reversed orders, and a constant sample", () => {
    const random = new RandomSource(11);
    const cauchy = Float64Array.from({ length: 100_000 }, () => Math.tan(Math.PI * (random.uniform() - 0.5)));
    expectSameAsTwoSteps(cauchy, 10);
    expectSameAsTwoSteps(cauchy, 100);
    const sorted = cauchy.slice().sort();
    expectSameAsTwoSteps(sorted, 10);
    expectSameAsTwoSteps(sorted.slice().reverse(), 10);
    expectSameAsTwoSteps(new Float64Array(50_000).fill(2.5), 10);
  });
  it("when the strided sample misses where the values are", () => {
    // Positions the sample reads (multiples of 32 here) hold one cluster, all others another: the
    // grid covers the wrong cluster, the values land beyond it, and the result must not change.
    const random = new RandomSource(5);
    const n = 65_536;
    const missed = Float64Array.from({ length: n }, (_, i) => (i % 32 === 0 ? 0 : 1000) + random.normal());
    expectSameAsTwoSteps(missed, 10);
    // Values beyond the grid that hold wanted ranks (3% far below: the 1% and 2% quantiles) are
    // gathered from the slot below the grid.
    const far = Float64Array.from(
      { length: n },
      (_, i) => (i % 32 === 1 && i < n * 0.96 ? -1e6 : 0) + random.normal(),
    );
    expectSameAsTwoSteps(far, 100);
    // Infinities and NaNs on the sampled positions.
    const special = Float64Array.from({ length: n }, (_, i) =>
      i % 32 === 0
        ? [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY][i % 3]!
        : random.normal(),
    );
    expectSameAsTwoSteps(special, 10);
  });
  it("delegates equal-width bins and rejects an empty reference as binEdges does", () => {
    const values = [1, 2, 3, 10];
    expect([...referenceHistogram(values, { method: "equal-width", bins: 3 }).cuts]).toEqual([
      ...binEdges(values, { method: "equal-width", bins: 3 }),
    ]);
    expect(() => referenceHistogram([Number.NaN])).toThrow(RangeError);
  });
});
