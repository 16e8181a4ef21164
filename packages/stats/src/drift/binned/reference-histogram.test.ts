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
  it("delegates equal-width bins and rejects an empty reference as binEdges does", () => {
    const values = [1, 2, 3, 10];
    expect([...referenceHistogram(values, { method: "equal-width", bins: 3 }).cuts]).toEqual([
      ...binEdges(values, { method: "equal-width", bins: 3 }),
    ]);
    expect(() => referenceHistogram([Number.NaN])).toThrow(RangeError);
  });
});
