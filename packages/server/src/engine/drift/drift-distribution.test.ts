import { describe, expect, it } from "vitest";
import type { ColumnCounts } from "../../store/window-store.js";
import { driftDistribution } from "./drift-distribution.js";
import type { ReferenceColumn } from "./reference-profile.js";

function counts(values: number[], min: number | null, max: number | null): ColumnCounts {
  return { counts: values, sums: [], present: values.reduce((a, b) => a + b, 0), min, max };
}

const cuts = Array.from({ length: 999 }, (_, i) => (i + 1) / 10);
const fine = Array.from({ length: 1000 }, (_, i) => (i % 7) + 1);
const numeric: ReferenceColumn = {
  name: "x",
  source: "feature",
  type: "numeric",
  bins: { name: "x", source: "feature", binning: "cuts", cuts },
  counts: counts(fine, 0, 100),
  distinct: 5000,
  std: 1,
};

describe("driftDistribution", () => {
  it("merges 1,000 quantile bins into 20 that keep every count and the cut edges", () => {
    const window = Array.from({ length: 1000 }, (_, i) => (i * 13) % 5);
    const d = driftDistribution(numeric, counts(window, -3, 250));
    if (d.kind !== "numeric") throw new Error("expected numeric");
    expect(d.reference).toHaveLength(20);
    expect(d.edges).toHaveLength(21);
    expect(d.reference.reduce((a, b) => a + b, 0)).toBe(numeric.counts.present);
    expect(d.current.reduce((a, b) => a + b, 0)).toBe(window.reduce((a, b) => a + b, 0));
    for (let g = 0; g < 20; g++) {
      const slice = window.slice(g * 50, g * 50 + 50);
      expect(d.current[g]).toBe(slice.reduce((a, b) => a + b, 0));
      if (g > 0) expect(d.edges[g]).toBe(cuts[g * 50 - 1]);
    }
    expect(d.edges[0]).toBe(-3);
    expect(d.edges[20]).toBe(250);
  });

  it("keeps fewer bins as they are when there are fewer than the display bins", () => {
    const column = { ...numeric, bins: { ...numeric.bins, cuts: [1, 2] }, counts: counts([4, 5, 6], 0, 3) };
    const d = driftDistribution(column, counts([1, 2, 3], 0.5, 2.5));
    expect(d).toEqual({ kind: "numeric", edges: [0, 1, 2, 3], reference: [4, 5, 6], current: [1, 2, 3] });
  });

  it("keeps the first categories and sums the rest with other", () => {
    const column: ReferenceColumn = {
      name: "c",
      source: "feature",
      type: "categorical",
      bins: {
        name: "c",
        source: "feature",
        binning: "categories",
        numeric: false,
        categories: ["a", "b", "c"],
      },
      counts: counts([10, 5, 3, 0], null, null),
      distinct: 3,
      std: null,
    };
    const d = driftDistribution(column, counts([1, 2, 4, 8], null, null), 20, 2);
    expect(d).toEqual({
      kind: "categorical",
      categories: ["a", "b", "other"],
      reference: [10, 5, 3],
      current: [1, 2, 12],
    });
  });
});
