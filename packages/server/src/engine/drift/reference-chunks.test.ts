import { describe, expect, it } from "vitest";
import type { ColumnCounts } from "../../store/window-store.js";
import {
  chunkStatistic,
  chunkVariation,
  distrustsPValues,
  MIN_CHUNK_ROWS,
  withoutChunk,
} from "./reference-chunks.js";
import type { ReferenceColumn } from "./reference-profile.js";

const categories = ["a", "b", "c", "d", "e", "f", "g"];
const JS = { method: "jensen-shannon" } as const;

function counts(perCategory: number[]): ColumnCounts {
  return {
    counts: [...perCategory, 0],
    sums: [],
    present: perCategory.reduce((s, c) => s + c, 0),
    min: null,
    max: null,
  };
}

function sum(chunks: ColumnCounts[]): ColumnCounts {
  return counts(categories.map((_, k) => chunks.reduce((s, c) => s + (c.counts[k] ?? 0), 0)));
}

function column(reference: ColumnCounts): ReferenceColumn {
  return {
    name: "weekday",
    source: "feature",
    type: "categorical",
    bins: { name: "weekday", source: "feature", binning: "categories", numeric: false, categories },
    counts: reference,
    distinct: 7,
    std: null,
  };
}

const oneHot = (k: number, n = 100) => counts(categories.map((_, i) => (i === k ? n : 0)));
const mixed = (k: number) => counts(categories.map((_, i) => 14 + ((i + k) % 3)));

describe("withoutChunk", () => {
  it("takes the chunk's counts, sums and rows out of the reference", () => {
    const numeric: ReferenceColumn = {
      name: "x",
      source: "feature",
      type: "numeric",
      bins: { name: "x", source: "feature", binning: "cuts", cuts: [1, 2] },
      counts: { counts: [5, 6, 7], sums: [2.5, 9, 17.5], present: 18, min: 0, max: 3 },
      distinct: 100,
      std: 1,
    };
    const rest = withoutChunk(numeric, {
      counts: [1, 2, 3],
      sums: [0.5, 3, 7.5],
      present: 6,
      min: 0.5,
      max: 2.5,
    });
    expect(rest.counts).toEqual({ counts: [4, 4, 4], sums: [2, 6, 10], present: 12, min: 0, max: 3 });
    expect(numeric.counts.present).toBe(18);
  });
});

describe("chunkVariation", () => {
  it("is mean + 3 sd of each chunk's statistic against the rest of the reference", () => {
    const chunks = Array.from({ length: 14 }, (_, d) => mixed(d));
    const reference = column(sum(chunks));
    const v = chunkVariation(reference, chunks, 86_400_000, JS);
    const statistics = chunks.map((c) => chunkStatistic(withoutChunk(reference, c), c, JS));
    const mean = statistics.reduce((s, x) => s + x, 0) / statistics.length;
    const sd = Math.sqrt(statistics.reduce((s, x) => s + (x - mean) ** 2, 0) / (statistics.length - 1));
    expect(v).toMatchObject({ chunks: 14, method: "jensen-shannon", median_rows: 105 });
    expect(v.mean).toBeCloseTo(mean, 12);
    expect(v.threshold).toBeCloseTo(mean + 3 * sd, 12);
    expect(v.max).toBe(Math.max(...statistics));
    // Against the whole reference (the chunk inside it) every statistic would be smaller.
    for (const [i, c] of chunks.entries()) {
      expect(chunkStatistic(reference, c, JS)).toBeLessThan(statistics[i] as number);
    }
  });

  it("sets a threshold one-value-a-day chunks stay under and an unseen value exceeds", () => {
    const chunks = Array.from({ length: 14 }, (_, d) => oneHot(d % 7));
    const reference = column(sum(chunks));
    const v = chunkVariation(reference, chunks, 86_400_000, JS);
    for (const c of chunks) expect(chunkStatistic(reference, c, JS)).toBeLessThan(v.threshold as number);
    const unseen = counts([0, 0, 0, 0, 0, 0, 0]);
    unseen.counts[7] = 100;
    unseen.present = 100;
    expect(chunkStatistic(reference, unseen, JS)).toBeGreaterThan(v.threshold as number);
  });

  it("gives no threshold with too few chunks or chunks below the minimum rows", () => {
    const reference = column(sum([oneHot(0), oneHot(1)]));
    expect(chunkVariation(reference, [oneHot(0), oneHot(1)], 86_400_000, JS).threshold).toBeNull();
    const tiny = Array.from({ length: 14 }, (_, d) => oneHot(d % 7, MIN_CHUNK_ROWS - 1));
    expect(chunkVariation(reference, tiny, 86_400_000, JS)).toMatchObject({ chunks: 0, threshold: null });
  });
});

describe("distrustsPValues", () => {
  // The smallest drifting-chunk counts whose binomial(n, 0.05) upper tail is below 1%, from SciPy:
  // next(k for k in range(1, n + 1) if binom.sf(k - 1, n, 0.05) < 0.01) for n = 10, 21, 30, 181.
  const firstDistrusted: [number, number][] = [
    [10, 4],
    [21, 5],
    [30, 6],
    [181, 17],
  ];
  it.each(firstDistrusted)("with %i chunks distrusts from %i drifting chunks on", (n, k) => {
    expect(distrustsPValues(k, n)).toBe(true);
    expect(distrustsPValues(k - 1, n)).toBe(false);
  });

  it("never distrusts with fewer than three chunks or none drifting", () => {
    expect(distrustsPValues(2, 2)).toBe(false);
    expect(distrustsPValues(0, 21)).toBe(false);
  });
});
