import type { DriftMatrixAnswer } from "sightline/api-types";
import { describe, expect, it } from "vitest";
import { MULTIVARIATE_ROW, multivariateResult, withMultivariateRow } from "./drift-multivariate.js";

const band = { statistic: 2.5, lower: 0.5, upper: 1.5, drift_detected: true, rows: 10, reference_rows: 100 };
const matrix: DriftMatrixAnswer = {
  model: "m",
  version: "v1",
  segment: null,
  reference_rows: 100,
  columns: ["x"],
  column_reference_rows: [100],
  methods: ["binned-ks"],
  threshold_sources: ["p_value"],
  reasons: ["why"],
  windows: [
    {
      from: "a",
      to: "b",
      rows: 10,
      statistic: [0.1],
      p_value: [0.5],
      threshold: [0.05],
      drift: [false],
      method: [0],
      threshold_source: [0],
      reason: [0],
      column_rows: [10],
      multivariate: band,
    },
    {
      from: "b",
      to: "c",
      rows: 10,
      statistic: [0.2],
      p_value: [0.4],
      threshold: [0.05],
      drift: [false],
      method: [0],
      threshold_source: [0],
      reason: [0],
      column_rows: [10],
      multivariate: null,
    },
  ],
};

describe("withMultivariateRow", () => {
  it("adds the PCA result as a last column with the band's upper end as threshold, null where there is none", () => {
    const out = withMultivariateRow(matrix);
    expect(out.columns).toEqual(["x", MULTIVARIATE_ROW]);
    expect(out.methods).toEqual(["binned-ks", "pca_reconstruction_error"]);
    expect(out.windows[0]).toMatchObject({
      statistic: [0.1, 2.5],
      p_value: [0.5, null],
      threshold: [0.05, 1.5],
      drift: [false, true],
      method: [0, 1],
      threshold_source: [0, null],
      reason: [0, null],
      column_rows: [10, 10],
    });
    expect(out.column_reference_rows).toEqual([100, 100]);
    expect(out.windows[1]).toMatchObject({ statistic: [0.2, null], drift: [false, null], method: [0, null] });
    expect(matrix.columns).toEqual(["x"]);
  });

  it("leaves a matrix without any multivariate result as it is", () => {
    const none = { ...matrix, windows: matrix.windows.map((w) => ({ ...w, multivariate: null })) };
    expect(withMultivariateRow(none)).toBe(none);
  });
});

describe("multivariateResult", () => {
  it("reads the band as a cell result", () => {
    expect(multivariateResult({ multivariate: null })).toBeUndefined();
    expect(multivariateResult({ multivariate: band })).toMatchObject({
      column: MULTIVARIATE_ROW,
      statistic: 2.5,
      threshold: 1.5,
      p_value: null,
      drift_detected: true,
      rows: 10,
      reference_rows: 100,
    });
  });
});
