import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { binEdges, histogram } from "./binning.js";
import { continuousCases } from "./continuous-fixture.js";

describe("binEdges matches numpy.quantile / numpy.histogram_bin_edges (1e-9 relative)", () => {
  for (const c of continuousCases("edges")) {
    for (const r of c.results) {
      it(`${c.name} ${r.method} ${r.bins}`, () => {
        const cuts = binEdges(c.sample, { bins: r.bins, method: r.method });
        expect(cuts.length).toBe(r.cuts.length);
        for (const [i, e] of r.cuts.entries()) {
          expect(isClose(cuts[i] as number, e, 1e-9, 1e-15), `${cuts[i]} vs ${e}`).toBe(true);
        }
      });
    }
  }
  it("keeps cuts finite when neighbouring order statistics differ by more than the double range", () => {
    // numpy.quantile([-1.7e308, 1.7e308], 0.5) is -inf (its lerp overflows); a cut must be finite.
    expect([...binEdges([-1.7e308, 1.7e308], { bins: 2 })]).toEqual([0]);
    expect([...binEdges([-1.7e308, 1.7e308, 1.7e308], { bins: 2 })]).toEqual([1.7e308]);
  });
  it("defaults to 10 quantile bins", () => {
    const x = Array.from({ length: 101 }, (_, i) => i);
    expect(Array.from(binEdges(x))).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });
  it("rejects a reference without finite values and a bad bin count", () => {
    expect(() => binEdges([Number.NaN])).toThrow(RangeError);
    expect(() => binEdges([1, 2], { bins: 0 })).toThrow(RangeError);
  });
});

describe("histogram matches numpy.searchsorted(side='left') counts", () => {
  for (const c of continuousCases("histogram")) {
    it(c.name, () => {
      const h = histogram(c.values, c.cuts);
      expect(Array.from(h.counts)).toEqual(c.counts);
      expect(h.nanCount).toBe(c.nan_count);
    });
  }
  it("puts values equal to a cut in the bin below (right-closed) and infinities in the outer bins", () => {
    const h = histogram([1, 1.0000001, 2, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY], [1, 2]);
    expect(Array.from(h.counts)).toEqual([2, 2, 1]);
  });
  it("sums weights per bin, NaN weights apart", () => {
    const h = histogram([0, 1.5, 1.7, 3, Number.NaN], [1, 2], { weights: [0.5, 2, 1, 4, 3] });
    expect(Array.from(h.counts)).toEqual([0.5, 3, 4]);
    expect(h.nanCount).toBe(3);
  });
  it("bins 1,000,000 values into 100 bins in well under a second (binary search)", () => {
    const values = Float64Array.from({ length: 1_000_000 }, (_, i) => Math.sin(i) * 3);
    const cuts = binEdges(values.subarray(0, 10_000), { bins: 100 });
    const start = performance.now();
    const h = histogram(values, cuts);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(1_000_000);
  });
  it("rejects unsorted cuts and mismatched weights", () => {
    expect(() => histogram([1], [2, 1])).toThrow(RangeError);
    expect(() => histogram([1], [Number.NaN])).toThrow(RangeError);
    expect(() => histogram([1, 2], [1], { weights: [1] })).toThrow(RangeError);
  });
});
