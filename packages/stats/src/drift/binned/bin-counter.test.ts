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
  it("agrees with the binary search on values that fill the grid, near and on the cuts", () => {
    // Cuts at base + step * k, with bases far from zero (where a grid cell is a few ulps wide) and
    // steps from subnormal to huge; values on the cuts, one ulp either side, inside the grid and beyond.
    const grid = fc.record({
      base: fc.constantFrom(0, -3.5, 1e15, -1e15, 1e300, 1e-300, 2 ** 52),
      step: fc.constantFrom(1, 1e-9, 0.125, 1e-310, 1e150, 3),
      ks: fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 30 }),
      offsets: fc.array(fc.double({ min: -200, max: 200, noNaN: true }), { maxLength: 300 }),
    });
    fc.assert(
      fc.property(grid, ({ base, step, ks, offsets }) => {
        const c = Float64Array.from(new Set(ks.map((k) => base + step * k)))
          .filter((v) => Number.isFinite(v))
          .sort();
        fc.pre(c.length >= 2);
        const values = [
          ...offsets.map((o) => base + step * o),
          ...c,
          ...c.map((v) => nextAfter(v, Number.POSITIVE_INFINITY)),
          ...c.map((v) => nextAfter(v, Number.NEGATIVE_INFINITY)),
          Number.NaN,
          Number.POSITIVE_INFINITY,
          Number.NEGATIVE_INFINITY,
          -0,
        ];
        const fast = new BinCounter(c).count(values);
        const slow = histogram(values, c, { weights: values.map(() => 1) });
        expect([...fast.counts]).toEqual([...slow.counts]);
        expect(fast.nanCount).toBe(slow.nanCount);
      }),
      { numRuns: 500 },
    );
  });
  it("counts a million normal values as the binary search does", () => {
    const c = Float64Array.of(-1.28, -0.84, -0.52, -0.25, 0, 0.25, 0.52, 0.84, 1.28);
    const values = new Float64Array(1_000_001);
    let state = 7;
    for (let i = 0; i < values.length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) | 0;
      values[i] = (state / 2 ** 31) * 10;
    }
    values[17] = Number.NaN;
    values.set(c, 100);
    const fast = new BinCounter(c).count(values);
    const slow = histogram(values, c, { weights: new Float64Array(values.length).fill(1) });
    expect([...fast.counts]).toEqual([...slow.counts]);
    expect(fast.nanCount).toBe(1);
  });
  it("bins with one cut, and with cuts whose span overflows", () => {
    const values = [-Infinity, -1e308, -1, 0, 1, 1e308, Infinity, Number.NaN];
    for (const c of [Float64Array.of(0), Float64Array.of(-1.7e308, 1.7e308)]) {
      const slow = histogram(values, c, { weights: values.map(() => 1) });
      expect([...new BinCounter(c).count(values).counts]).toEqual([...slow.counts]);
    }
  });
  it("is used by histogram for unweighted values", () => {
    expect([...histogram([0, 1, 2, 3, Number.NaN], Float64Array.of(1, 2)).counts]).toEqual([2, 1, 1]);
  });
});

/** The next double after x towards `to` (x finite). */
function nextAfter(x: number, to: number): number {
  if (x === 0) return to > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const bits = new BigInt64Array(Float64Array.of(x).buffer);
  bits[0]! += to > x === x > 0 ? 1n : -1n;
  return new Float64Array(bits.buffer)[0]!;
}
