import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeSorted } from "./merge-sorted.js";
import { selectOrderStatistics } from "./select-order-statistics.js";
import { sortFloat64 } from "./sort-float64.js";

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
// Above the radix threshold (4096), with duplicates, -0/+0, subnormals and both signs.
const large = fc
  .tuple(
    fc.array(finite, { minLength: 1, maxLength: 60 }),
    fc.integer({ min: 4100, max: 6000 }),
    fc.integer(),
  )
  .map(([pool, size, seed]) => {
    const out = new Float64Array(size);
    let state = seed >>> 0;
    for (let i = 0; i < size; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      out[i] =
        state % 3 === 0 ? pool[state % pool.length]! : (state / 2 ** 31 - 1) * 10 ** ((state % 13) - 6);
    }
    return out;
  });

const native = (a: Float64Array) => a.slice().sort();
const sameBits = (a: Float64Array, b: Float64Array) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe("sortFloat64", () => {
  it("orders as Float64Array.prototype.sort, large arrays (radix path)", () => {
    fc.assert(
      fc.property(large, (a) => sameBits(sortFloat64(a.slice()), native(a))),
      { numRuns: 25 },
    );
  });
  it("orders as the native sort on small arrays and keeps -0 before +0", () => {
    fc.assert(
      fc.property(fc.float64Array({ noNaN: true, maxLength: 50 }), (a) =>
        sameBits(sortFloat64(a.slice()), native(a)),
      ),
    );
    const zeros = new Float64Array(5000).map((_, i) => (i % 2 === 0 ? -0 : 0));
    const sorted = sortFloat64(zeros);
    expect(Object.is(sorted[0], -0) && Object.is(sorted[2499], -0) && Object.is(sorted[2500], 0)).toBe(true);
  });
  it("orders as the native sort whether one, two or three digits differ, and on long runs of equal high words", () => {
    let state = 12345;
    const uniform = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const cases = [
      Float64Array.from({ length: 200_000 }, () => (uniform() - 0.5) * 1e3), // both signs: three digits
      Float64Array.from({ length: 50_000 }, () => 1 + uniform()), // one binade: the top digit is shared
      Float64Array.from({ length: 50_000 }, () => 1 + Math.floor(uniform() * 8) * 2 ** -30), // equal high words
      Float64Array.from({ length: 50_000 }, () => 1 + uniform() * 2 ** -12), // low digit only
    ];
    for (const a of cases) expect(sameBits(sortFloat64(a.slice()), native(a))).toBe(true);
  });
  it("sorts a subarray in place without touching the rest", () => {
    const a = new Float64Array(10000).map((_, i) => (i * 7919) % 10000);
    const before = a.slice();
    sortFloat64(a.subarray(100, 9900));
    expect(a[0]).toBe(0);
    expect(sameBits(a.subarray(0, 100), before.subarray(0, 100))).toBe(true);
    expect(sameBits(a.subarray(9900), before.subarray(9900))).toBe(true);
    expect(a.subarray(100, 9900).every((v, i, s) => i === 0 || s[i - 1]! <= v)).toBe(true);
  });
});

describe("selectOrderStatistics", () => {
  it("returns the values at the given sorted positions", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          large,
          fc.float64Array({ noNaN: true, noDefaultInfinity: true, minLength: 1, maxLength: 300 }),
        ),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (a, qs) => {
          const ranks = [...new Set(qs.map((q) => Math.floor(q * (a.length - 1))))].sort((x, y) => x - y);
          const sorted = native(a);
          const got = selectOrderStatistics(a.slice(), ranks);
          return ranks.every((r, k) => Object.is(got[k], sorted[r]) || got[k] === sorted[r]);
        },
      ),
      { numRuns: 40 },
    );
  });
  it("handles already sorted, reversed and constant inputs", () => {
    const up = Float64Array.from({ length: 20000 }, (_, i) => i);
    const ranks = [0, 1, 9999, 10000, 19999];
    expect([...selectOrderStatistics(up.slice(), ranks)]).toEqual(ranks);
    expect([...selectOrderStatistics(up.slice().reverse(), ranks)]).toEqual(ranks);
    expect([...selectOrderStatistics(new Float64Array(20000).fill(3), ranks)]).toEqual([3, 3, 3, 3, 3]);
  });
});

describe("mergeSorted", () => {
  it("equals sorting the concatenation", () => {
    fc.assert(
      fc.property(fc.float64Array({ noNaN: true }), fc.float64Array({ noNaN: true }), (a, b) => {
        const x = native(a);
        const y = native(b);
        const all = new Float64Array(x.length + y.length);
        all.set(x);
        all.set(y, x.length);
        return mergeSorted(x, y).every((v, i) => v === native(all)[i]);
      }),
    );
  });
});
