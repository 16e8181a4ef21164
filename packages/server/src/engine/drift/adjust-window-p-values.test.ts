import { holm } from "@sightline/stats";
import { describe, expect, it } from "vitest";
import { adjustWindowPValues } from "./adjust-window-p-values.js";
import type { ColumnDriftResult } from "./histogram-drift.js";

function column(name: string, p: number | null, statistic = 0.1): ColumnDriftResult {
  return {
    column: name,
    type: p === null ? "numeric" : "categorical",
    method: p === null ? "binned-wasserstein" : "chi-square",
    statistic,
    p_value: p,
    p_adjusted: null,
    p_adjustment: null,
    tests_in_window: 0,
    threshold: 0.05,
    drift_detected: p === null ? statistic > 0.05 : p < 0.05,
    reason: "test",
    reference_rows: 1000,
    rows: 300,
    threshold_source: p === null ? "calibrated" : "p_value",
    reference_chunks: null,
  };
}

describe("adjustWindowPValues (regression: p < 0.05 on every subject alarmed on normal variation)", () => {
  it("does not flag five subjects at p = 0.02 in one window, which raw p < 0.05 did", () => {
    const columns = ["a", "b", "c", "d", "e"].map((n) => column(n, 0.02));
    expect(columns.every((c) => c.drift_detected)).toBe(true);
    const adjusted = adjustWindowPValues(columns);
    expect(adjusted.map((c) => c.drift_detected)).toEqual([false, false, false, false, false]);
    expect(adjusted.map((c) => c.p_adjusted)).toEqual([0.1, 0.1, 0.1, 0.1, 0.1]);
  });

  it("gives Holm's adjusted p-values over the tests only, and keeps a strong signal", () => {
    const ps = [0.0001, 0.03, null, 0.2, 0.012];
    const adjusted = adjustWindowPValues(ps.map((p, i) => column(`c${i}`, p)));
    const expected = holm([0.0001, 0.03, 0.2, 0.012]);
    expect(adjusted.filter((c) => c.p_value !== null).map((c) => c.p_adjusted)).toEqual(expected);
    expect(adjusted.map((c) => c.tests_in_window)).toEqual([4, 4, 0, 4, 4]);
    expect(adjusted.map((c) => c.p_adjustment)).toEqual(["holm", "holm", null, "holm", "holm"]);
    expect(adjusted.map((c) => c.drift_detected)).toEqual([true, false, true, false, true]);
  });

  it("leaves distance columns and their verdicts alone", () => {
    const distance = column("x", null, 0.01);
    const [out] = adjustWindowPValues([distance]);
    expect(out).toMatchObject({ drift_detected: false, p_adjusted: null, tests_in_window: 0 });
  });
});
