import type { DriftMatrixAnswer } from "sightline/api-types";
import { describe, expect, it } from "vitest";
import { matrixCellRecord } from "./drift-cell-record.js";

const matrix: DriftMatrixAnswer = {
  model: "m",
  version: "v1",
  segment: null,
  reference_rows: 100,
  columns: ["x", "city"],
  column_reference_rows: [100, 90],
  methods: ["binned-ks", "jensen-shannon"],
  threshold_sources: ["p_value", "reference_chunks"],
  reasons: ["numbers: KS", "city varies between windows"],
  windows: [
    {
      from: "a",
      to: "b",
      rows: 10,
      statistic: [0.1, 0.3],
      p_value: [0.5, null],
      threshold: [0.05, 0.2],
      drift: [false, true],
      method: [0, 1],
      threshold_source: [0, 1],
      reason: [0, 1],
      column_rows: [10, 8],
      multivariate: null,
    },
    {
      from: "b",
      to: "c",
      rows: 4,
      statistic: [0.2, null],
      p_value: [0.4, null],
      threshold: [0.05, null],
      drift: [false, null],
      method: [0, null],
      threshold_source: [0, null],
      reason: [0, null],
      column_rows: [4, null],
      multivariate: null,
    },
  ],
};

describe("matrixCellRecord", () => {
  it("reads a cell's numbers, threshold source, rows and reason through the answer's lists", () => {
    expect(matrixCellRecord(matrix, 0, 1)).toEqual({
      column: "city",
      method: "jensen-shannon",
      statistic: 0.3,
      p_value: null,
      threshold: 0.2,
      drift_detected: true,
      threshold_source: "reference_chunks",
      reason: "city varies between windows",
      rows: 8,
      reference_rows: 90,
    });
    expect(matrixCellRecord(matrix, 1, 0)).toMatchObject({ column: "x", rows: 4, reason: "numbers: KS" });
  });

  it("is null where the column has no result, or outside the matrix", () => {
    expect(matrixCellRecord(matrix, 1, 1)).toBeNull();
    expect(matrixCellRecord(matrix, 2, 0)).toBeNull();
    expect(matrixCellRecord(matrix, 0, 2)).toBeNull();
  });
});
