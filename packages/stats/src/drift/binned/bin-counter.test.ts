import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BinCounter } from "./bin-counter.js";
import { histogram } from "./binning.js";

const value = fc.oneof(
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 1, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);
const cuts = fc
  .array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 40 })
  .map((c) => Float64Array.from(new Set(c.map((v) => (Object.is(v, -0) ? 0 : v)))).sort());

describe("BinCounter", () => {
  it("agrees with the binary search of the weighted histogram (unit weights)", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), cuts, (values, c) => {
        const fast = new BinCounter(c).count(values);
        const slow = histogram(values, c, { weights: values.map(() => 1) });
        expect([...fast.counts]).toEqual([...slow.counts]);
        expect(fast.nanCount).toBe(slow.nanCount);
      }),
      { numRuns: 300 },
    );
  });
  it("places values equal to a cut, just above it, and in clustered cuts", () => {
    const c = Float64Array.of(-1e300, 0, 1e-300, 2e-300, 1, 1 + 2 ** -52, 1e300);
    const values = [...c, ...c.map((v) => v + Math.abs(v) * 2 ** -52), 0.5, -2e300, 2e300];
    const slow = histogram(values, c, { weights: values.map(() => 1) });
    expect([...new BinCounter(c).count(values).counts]).toEqual([...slow.counts]);
  });
  it("is used by histogram for unweighted values", () => {
    expect([...histogram([0, 1, 2, 3, Number.NaN], Float64Array.of(1, 2)).counts]).toEqual([2, 1, 1]);
  });
});
