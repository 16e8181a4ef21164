import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countPair } from "./count-arbitraries.js";
import { topKCategories } from "./top-k-categories.js";

describe("topKCategories", () => {
  it("keeps the most frequent reference categories and merges the rest into other", () => {
    const r = topKCategories([5, 30, 50, 15, 0], [20, 30, 40, 10, 7], 2);
    expect(r.kept).toEqual([2, 1]);
    expect(Array.from(r.reference)).toEqual([50, 30, 20]);
    expect(Array.from(r.current)).toEqual([40, 30, 37]);
  });
  it("adds no other cell when every category is kept", () => {
    const r = topKCategories([1, 2], [2, 1], 5);
    expect(Array.from(r.reference)).toEqual([2, 1]);
    expect(r.kept).toEqual([1, 0]);
  });
  it("preserves totals", () => {
    fc.assert(
      fc.property(countPair, fc.integer({ min: 1, max: 10 }), ({ reference, current }, k) => {
        const r = topKCategories(reference, current, k);
        const sum = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0);
        return sum(r.reference) === sum(reference) && sum(r.current) === sum(current);
      }),
    );
  });
  it("rejects a bad k", () => {
    expect(() => topKCategories([1], [1], 0)).toThrow(RangeError);
  });
});
