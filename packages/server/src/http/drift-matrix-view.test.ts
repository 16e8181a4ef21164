import { describe, expect, it } from "vitest";
import type { DriftAnswer } from "../engine/drift/drift-service.js";
import type { ColumnDriftResult } from "../engine/drift/histogram-drift.js";
import { driftMatrixView } from "./drift-matrix-view.js";

function result(column: string, fields: Partial<ColumnDriftResult>): ColumnDriftResult {
  return {
    column,
    type: "numeric",
    method: "binned-ks",
    statistic: 0.1,
    p_value: 0.2,
    p_adjusted: 0.4,
    p_adjustment: "holm",
    tests_in_window: 2,
    threshold: 0.05,
    drift_detected: false,
    reason: "why",
    reference_rows: 100,
    rows: 10,
    threshold_source: "p_value",
    reference_chunks: null,
    ...fields,
  };
}

const answer: DriftAnswer = {
  model: "m",
  version: "v1",
  segment: null,
  reference_rows: 100,
  windows: [
    {
      from: "2024-03-01T00:00:00.000Z",
      to: "2024-03-02T00:00:00.000Z",
      fromMs: 0,
      toMs: 1,
      rows: 10,
      columns: [
        result("distance", { statistic: 0.4, p_value: 0.001, drift_detected: true }),
        result("origin", {
          method: "jensen-shannon",
          p_value: null,
          p_adjusted: null,
          threshold: 0.1,
          threshold_source: "calibrated",
          reason: "categories: Jensen-Shannon",
          reference_rows: 90,
          rows: 9,
        }),
        result("distance", { method: "psi", statistic: 9, p_value: null }),
      ],
      multivariate: null,
    },
    {
      from: "2024-03-02T00:00:00.000Z",
      to: "2024-03-03T00:00:00.000Z",
      fromMs: 1,
      toMs: 2,
      rows: 12,
      columns: [result("label", { statistic: 0.3 }), result("distance", { statistic: 0.2 })],
      multivariate: {
        method: "pca_reconstruction_error",
        columns: ["distance"],
        band: "row_chunks",
        band_chunks: 10,
        statistic: 1.5,
        lower: 1,
        upper: 2,
        drift_detected: false,
        rows: 12,
        reference_rows: 100,
      },
    },
  ],
};

describe("driftMatrixView", () => {
  const matrix = driftMatrixView(answer);

  it("lists every column and method once, in order of first appearance", () => {
    expect(matrix.columns).toEqual(["distance", "origin", "label"]);
    expect(matrix.methods).toEqual(["binned-ks", "jensen-shannon"]);
    expect(matrix).toMatchObject({ model: "m", version: "v1", segment: null, reference_rows: 100 });
    expect(matrix.threshold_sources).toEqual(["p_value", "calibrated"]);
    expect(matrix.reasons).toEqual(["why", "categories: Jensen-Shannon"]);
    expect(matrix.column_reference_rows).toEqual([100, 90, 100]);
  });

  it("holds each cell's numbers at its column's index, the first result of a column in a window, null where absent", () => {
    const [first, second] = matrix.windows;
    expect(first).toMatchObject({
      from: "2024-03-01T00:00:00.000Z",
      to: "2024-03-02T00:00:00.000Z",
      rows: 10,
      statistic: [0.4, 0.1, null],
      p_value: [0.001, null, null],
      threshold: [0.05, 0.1, null],
      drift: [true, false, null],
      method: [0, 1, null],
      threshold_source: [0, 1, null],
      reason: [0, 1, null],
      column_rows: [10, 9, null],
      multivariate: null,
    });
    expect(second).toMatchObject({
      statistic: [0.2, null, 0.3],
      drift: [false, null, false],
      method: [0, null, 0],
      multivariate: {
        statistic: 1.5,
        lower: 1,
        upper: 2,
        drift_detected: false,
        rows: 12,
        reference_rows: 100,
      },
    });
  });

  it("agrees with the full answer cell by cell", () => {
    answer.windows.forEach((window, w) => {
      const cells = matrix.windows[w];
      for (const column of matrix.columns) {
        const full = window.columns.find((c) => c.column === column);
        const at = matrix.columns.indexOf(column);
        expect(cells?.statistic[at] ?? null).toBe(full?.statistic ?? null);
        expect(cells?.drift[at] ?? null).toBe(full?.drift_detected ?? null);
        const method = cells?.method[at];
        expect(method === null || method === undefined ? null : matrix.methods[method]).toBe(
          full?.method ?? null,
        );
        const source = cells?.threshold_source[at];
        expect(source === null || source === undefined ? null : matrix.threshold_sources[source]).toBe(
          full?.threshold_source ?? null,
        );
        const reason = cells?.reason[at];
        expect(reason === null || reason === undefined ? null : matrix.reasons[reason]).toBe(
          full?.reason ?? null,
        );
        expect(cells?.column_rows[at] ?? null).toBe(full?.rows ?? null);
        if (full) expect(matrix.column_reference_rows[at]).toBe(full.reference_rows);
      }
    });
  });
});
