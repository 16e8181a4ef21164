import { describe, expect, it } from "vitest";
import type { DriftAnswer } from "./api/types.js";
import { MULTIVARIATE_ROW, withMultivariateRow } from "./drift-multivariate.js";

const answer: DriftAnswer = {
  model: "m",
  version: "v1",
  segment: null,
  reference_rows: 100,
  windows: [
    {
      from: "a",
      to: "b",
      rows: 10,
      columns: [],
      multivariate: {
        statistic: 2.5,
        lower: 0.5,
        upper: 1.5,
        drift_detected: true,
        rows: 10,
        reference_rows: 100,
      },
    },
    { from: "b", to: "c", rows: 10, columns: [], multivariate: null },
  ],
};

describe("withMultivariateRow", () => {
  it("adds the PCA result as a column with the band's upper end as threshold, only where there is one", () => {
    const out = withMultivariateRow(answer);
    expect(out.windows[0]?.columns).toMatchObject([
      { column: MULTIVARIATE_ROW, statistic: 2.5, threshold: 1.5, drift_detected: true, p_value: null },
    ]);
    expect(out.windows[1]?.columns).toEqual([]);
    expect(answer.windows[0]?.columns).toEqual([]);
  });
});
