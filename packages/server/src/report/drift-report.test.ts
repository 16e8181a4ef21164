import { describe, expect, it } from "vitest";
import { alignCounts, chartBars } from "./category-counts.js";
import { isDrift, summarizeDrift } from "./drift-report.js";
import { defaultThreshold } from "./drift-thresholds.js";
import { formatNumber } from "./format-number.js";

describe("drift verdicts", () => {
  it("tests drift when p < threshold, distances when statistic > threshold (strictly)", () => {
    expect(isDrift({ statistic: 9, p_value: 0.049 }, 0.05)).toBe(true);
    expect(isDrift({ statistic: 9, p_value: 0.05 }, 0.05)).toBe(false);
    expect(isDrift({ statistic: 0.2, p_value: null }, 0.2)).toBe(false);
    expect(isDrift({ statistic: 0.21, p_value: null }, 0.2)).toBe(true);
    expect(isDrift({ statistic: Number.NaN, p_value: null }, 0.2)).toBe(false);
  });

  it("the dataset drifts when the drifted share reaches the dataset share", () => {
    expect(summarizeDrift([true, false, true, false], 0.5)).toEqual({
      drifted_columns: 2,
      share_drifted: 0.5,
      dataset_drift: true,
    });
    expect(summarizeDrift([true, false, false], 0.5).dataset_drift).toBe(false);
    expect(summarizeDrift([], 0.5)).toEqual({ drifted_columns: 0, share_drifted: 0, dataset_drift: false });
  });

  it("default thresholds: 0.05 for p-values, per-method for distances", () => {
    expect(defaultThreshold("ks", true)).toBe(0.05);
    expect(defaultThreshold("mmd", true)).toBe(0.05);
    expect(defaultThreshold("psi", false)).toBe(0.2);
    expect(defaultThreshold("jensen-shannon", false)).toBe(0.1);
    expect(defaultThreshold("wasserstein", false)).toBe(0.1);
  });
});

describe("category counts", () => {
  it("orders text by reference count, new categories last; booleans false, true; numbers ascending", () => {
    const text = alignCounts(
      "categorical",
      new Map([
        ["a", 5],
        ["b", 9],
      ]),
      new Map([
        ["a", 1],
        ["c", 2],
        ["d", 3],
      ]),
    );
    expect(text.categories).toEqual(["b", "a", "d", "c"]);
    expect([...text.reference]).toEqual([9, 5, 0, 0]);
    expect([...text.current]).toEqual([0, 1, 3, 2]);
    expect(alignCounts("boolean", new Map([["true", 4]]), new Map([["false", 1]])).categories).toEqual([
      "false",
      "true",
    ]);
    expect(
      alignCounts(
        "numeric",
        new Map([
          ["10.0", 1],
          ["2.0", 1],
        ]),
        new Map([["-1.0", 1]]),
      ).categories,
    ).toEqual(["-1.0", "2.0", "10.0"]);
  });

  it("charts keep the largest categories and merge the rest into (other)", () => {
    const counts = alignCounts(
      "categorical",
      new Map([
        ["a", 50],
        ["b", 30],
        ["c", 15],
        ["d", 5],
      ]),
      new Map([
        ["a", 40],
        ["b", 30],
        ["c", 10],
        ["d", 20],
      ]),
    );
    expect(chartBars(counts, 2)).toEqual({
      categories: ["a", "b", "(other)"],
      reference: [50, 30, 20],
      current: [40, 30, 30],
    });
    expect(chartBars(counts, 10).categories).toEqual(["a", "b", "c", "d"]);
  });
});

describe("formatNumber", () => {
  it.each([
    [0.123456, "0.1235"],
    [3.2e-9, "3.20e-9"],
    [12345678, "1.23e+7"],
    [0, "0"],
    [Number.POSITIVE_INFINITY, "inf"],
    [Number.NaN, "nan"],
  ])("%s -> %s", (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});
