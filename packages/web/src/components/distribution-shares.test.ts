import { describe, expect, it } from "vitest";
import { distributionShares } from "./distribution-shares.js";

const base = { column: "x", from: "", to: "", rows: 4, reference_rows: 4 };

describe("distributionShares", () => {
  it("divides each count by its total and accumulates the shares", () => {
    const s = distributionShares(
      { ...base, kind: "numeric", edges: [0, 1, 2, 3], reference: [1, 1, 2], current: [0, 3, 1] },
      String,
    );
    expect(s.labels).toEqual(["≤ 1", "≤ 2", "≤ 3"]);
    expect(s.reference).toEqual([0.25, 0.25, 0.5]);
    expect(s.current).toEqual([0, 0.75, 0.25]);
    expect(s.reference_cdf).toEqual([0.25, 0.5, 1]);
    expect(s.current_cdf).toEqual([0, 0.75, 1]);
  });

  it("keeps categories as labels and answers zeros for an empty window", () => {
    const s = distributionShares(
      { ...base, kind: "categorical", categories: ["a", "other"], reference: [3, 1], current: [0, 0] },
      String,
    );
    expect(s.labels).toEqual(["a", "other"]);
    expect(s.reference).toEqual([0.75, 0.25]);
    expect(s.current).toEqual([0, 0]);
  });
});
