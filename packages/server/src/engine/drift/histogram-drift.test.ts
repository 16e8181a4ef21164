import { kolmogorovSmirnovTest, normalizedWassersteinDistance } from "@sightline/stats";
import { describe, expect, it } from "vitest";
import type { ColumnCounts } from "../../store/window-store.js";
import { mulberry32 } from "../../test-support/seeded-random.js";
import { prepareComparison, runComparison } from "./histogram-drift.js";
import { NUMERIC_BINS, type ReferenceColumn } from "./reference-profile.js";

function normals(n: number, seed: number, shift = 0, scale = 1): Float64Array {
  const next = mulberry32(seed);
  return Float64Array.from({ length: n }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    return shift + scale * z;
  });
}

// Interior cuts at i / bins, linear interpolation (DuckDB quantile_cont), duplicates collapsed.
function quantileCuts(values: Float64Array, bins: number): number[] {
  const s = Float64Array.from(values).sort();
  const cuts: number[] = [];
  for (let i = 1; i < bins; i++) {
    const at = ((s.length - 1) * i) / bins;
    const lo = Math.floor(at);
    const v =
      (s[lo] as number) + (at - lo) * ((s[Math.min(lo + 1, s.length - 1)] as number) - (s[lo] as number));
    if (cuts.length === 0 || v > (cuts[cuts.length - 1] as number)) cuts.push(v);
  }
  return cuts;
}

// The store's binning: bin k holds (cuts[k-1], cuts[k]], i.e. k = number of cuts below the value.
function countsOver(values: Float64Array, cuts: readonly number[]): ColumnCounts {
  const counts = new Array<number>(cuts.length + 1).fill(0);
  const sums = new Array<number>(cuts.length + 1).fill(0);
  for (const x of values) {
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cuts[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    counts[lo] = (counts[lo] as number) + 1;
    sums[lo] = (sums[lo] as number) + x;
  }
  return { counts, sums, present: values.length, min: Math.min(...values), max: Math.max(...values) };
}

function referenceColumn(values: Float64Array): ReferenceColumn {
  const cuts = quantileCuts(values, NUMERIC_BINS);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  return {
    name: "x",
    source: "feature",
    type: "numeric",
    bins: { name: "x", source: "feature", binning: "cuts", cuts },
    counts: countsOver(values, cuts),
    distinct: values.length,
    std,
  };
}

describe("drift on reference-quantile histograms", () => {
  it("binned KS is within 0.005 of the exact two-sample KS statistic", () => {
    const reference = normals(20_000, 1);
    const column = referenceColumn(reference);
    let worst = 0;
    for (const [seed, shift, scale, n] of [
      [2, 0, 1, 500],
      [3, 0.1, 1, 5_000],
      [4, 0.5, 1, 20_000],
      [5, 0, 1.5, 3_000],
      [6, -1, 0.5, 800],
    ] as const) {
      const current = normals(n, seed, shift, scale);
      const counts = countsOver(current, column.bins.binning === "cuts" ? column.bins.cuts : []);
      const binned = runComparison(column, counts, prepareComparison(column, counts, "ks"));
      const exact = kolmogorovSmirnovTest(reference, current).statistic;
      worst = Math.max(worst, Math.abs(binned.statistic - exact));
      expect(binned.statistic).toBeLessThanOrEqual(exact + 1e-12);
    }
    expect(worst).toBeLessThan(0.005);
  });

  it("binned Wasserstein (normalised by the reference sd) is within 0.005 of the raw-sample one", () => {
    const reference = normals(20_000, 7);
    const column = referenceColumn(reference);
    for (const [seed, shift] of [
      [8, 0],
      [9, 0.3],
      [10, 2],
    ] as const) {
      const current = normals(4_000, seed, shift);
      const counts = countsOver(current, column.bins.binning === "cuts" ? column.bins.cuts : []);
      const binned = runComparison(column, counts, prepareComparison(column, counts, "wasserstein"));
      const exact = normalizedWassersteinDistance(reference, current).statistic;
      expect(Math.abs(binned.statistic - exact)).toBeLessThan(0.005);
    }
  });

  it("chooses methods on summaries: binned KS for small windows, binned Wasserstein above 1,000 rows", () => {
    const column = referenceColumn(normals(5_000, 11));
    const cuts = column.bins.binning === "cuts" ? column.bins.cuts : [];
    expect(prepareComparison(column, countsOver(normals(400, 12), cuts)).method).toBe("binned-ks");
    expect(prepareComparison(column, countsOver(normals(4_000, 13), cuts)).method).toBe("binned-wasserstein");
  });

  it("drops categories empty in both windows and falls back from binary tests when there are more than two", () => {
    const column: ReferenceColumn = {
      name: "city",
      source: "feature",
      type: "categorical",
      bins: {
        name: "city",
        source: "feature",
        binning: "categories",
        numeric: false,
        categories: ["a", "b", "c"],
      },
      counts: { counts: [50, 30, 20, 0], sums: [], present: 100, min: null, max: null },
      distinct: 3,
      std: null,
    };
    const current: ColumnCounts = { counts: [40, 30, 20, 10], sums: [], present: 100, min: null, max: null };
    const prepared = prepareComparison(column, current);
    expect(prepared.method).toBe("chi-square");
    expect(Array.from(prepared.reference)).toEqual([50, 30, 20, 0]);
    const binary = prepareComparison(column, current, "two-proportion-z");
    expect(binary.method).toBe("chi-square");
  });
});
