import { describe, expect, it } from "vitest";
import type { ColumnCounts } from "../../store/window-store.js";
import { chunkStatistic, chunkVariation } from "./reference-chunks.js";
import type { ReferenceColumn } from "./reference-profile.js";

const categories = ["a", "b", "c", "d", "e", "f", "g"];

function counts(perCategory: number[]): ColumnCounts {
  return {
    counts: [...perCategory, 0],
    sums: [],
    present: perCategory.reduce((s, c) => s + c, 0),
    min: null,
    max: null,
  };
}

const column: ReferenceColumn = {
  name: "weekday",
  source: "feature",
  type: "categorical",
  bins: { name: "weekday", source: "feature", binning: "categories", numeric: false, categories },
  counts: counts([100, 100, 100, 100, 100, 100, 100]),
  distinct: 7,
  std: null,
};

const oneHot = (k: number, n = 100) => counts(categories.map((_, i) => (i === k ? n : 0)));
const mixed = (k: number) => counts(categories.map((_, i) => 14 + ((i + k) % 3)));
// The ordinary rule, stood in for by a fixed distance: chunks far from the reference "drift".
const drifts = (c: ColumnCounts) => chunkStatistic(column, c) > 0.1;

describe("chunkVariation", () => {
  it("applies when most reference chunks drift, with a threshold no chunk exceeds", () => {
    const chunks = Array.from({ length: 14 }, (_, d) => oneHot(d % 7));
    const v = chunkVariation(column, chunks, 86_400_000, drifts);
    expect(v).toMatchObject({ applies: true, chunks: 14, drifting_chunks: 14, method: "jensen-shannon" });
    for (const c of chunks) expect(chunkStatistic(column, c)).toBeLessThanOrEqual(v.threshold as number);
    const unseen = counts([0, 0, 0, 0, 0, 0, 0]);
    unseen.counts[7] = 100;
    unseen.present = 100;
    expect(chunkStatistic(column, unseen)).toBeGreaterThan(v.threshold as number);
  });

  it("does not apply when chunks look like the whole reference, or with too few or too small chunks", () => {
    const mixedChunks = Array.from({ length: 14 }, (_, d) => mixed(d));
    expect(chunkVariation(column, mixedChunks, 86_400_000, drifts)).toMatchObject({
      applies: false,
      drifting_chunks: 0,
    });
    expect(chunkVariation(column, [oneHot(0), oneHot(1)], 86_400_000, drifts).applies).toBe(false);
    const tiny = Array.from({ length: 14 }, (_, d) => oneHot(d % 7, 10));
    expect(chunkVariation(column, tiny, 86_400_000, drifts)).toMatchObject({ applies: false, chunks: 0 });
  });
});
