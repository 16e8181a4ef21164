import { binnedKs, jensenShannon } from "@sightline/stats";
import { describe, expect, it } from "vitest";
import { chiSquareHomogeneity, outputDifference } from "./output-difference.js";

// Reference values: scipy.stats.chi2_contingency(table, correction=False) (SciPy 1.10.1), columns empty
// in both rows dropped first, as chiSquareHomogeneity does.
const scipyCases = [
  { baseline: [50, 50], candidate: [30, 70], statistic: 8.333333333333334, p: 0.003892417122778637, df: 1 },
  {
    baseline: [120, 30, 0, 50],
    candidate: [100, 45, 0, 40],
    statistic: 5.353003003002999,
    p: 0.0688034423249576,
    df: 2,
  },
  {
    baseline: [5, 9, 14, 3, 0],
    candidate: [7, 2, 20, 6, 1],
    statistic: 7.5154226483685695,
    p: 0.11103113896265954,
    df: 4,
  },
];

describe("chiSquareHomogeneity", () => {
  it.each(scipyCases)("matches SciPy's chi2_contingency on $baseline vs $candidate", (c) => {
    const result = chiSquareHomogeneity(c.baseline, c.candidate);
    expect(result.statistic).toBeCloseTo(c.statistic, 10);
    expect(result.p_value).toBeCloseTo(c.p, 12);
    expect(result.df).toBe(c.df);
  });

  it("gives p = 1 when one class is all there is", () => {
    expect(chiSquareHomogeneity([10], [20])).toEqual({ statistic: 0, p_value: 1, df: 0 });
  });
});

describe("outputDifference", () => {
  it("tests classes by chi-square and measures the Jensen-Shannon distance", () => {
    const result = outputDifference({
      kind: "categorical",
      classes: ["a", "b"],
      baseline: [50, 50],
      candidate: [30, 70],
    });
    expect(result).toMatchObject({ test: "chi_square", distance_method: "jensen_shannon", bins: 2 });
    expect(result?.p_value).toBeCloseTo(0.003892417122778637, 12);
    expect(result?.distance).toBe(jensenShannon([50, 50], [30, 70]).statistic);
  });

  it("tests numeric outputs by binned KS on the shared bins", () => {
    const baseline = [10, 20, 30, 40];
    const candidate = [40, 30, 20, 10];
    const result = outputDifference({
      kind: "numeric",
      source: "score",
      cuts: [0.25, 0.5, 0.75],
      range: [0, 1],
      baseline,
      candidate,
    });
    expect(result).toMatchObject({ test: "ks", source: "score", baseline_rows: 100, candidate_rows: 100 });
    expect(result?.statistic).toBe(binnedKs(baseline, candidate).statistic);
    expect(result?.distance).toBeGreaterThan(0);
  });

  it("is null without outputs on either side", () => {
    expect(outputDifference({ kind: "none" })).toBeNull();
    expect(
      outputDifference({ kind: "categorical", classes: ["a"], baseline: [0], candidate: [5] }),
    ).toBeNull();
  });
});
