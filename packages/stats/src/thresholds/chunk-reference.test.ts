import { describe, expect, it } from "vitest";
import { chunkReference } from "./chunk-reference.js";

const DAY = 86_400_000;

describe("chunkReference by count", () => {
  it("drops an incomplete last chunk by default", () => {
    const chunks = chunkReference(10, { by: "count", chunkSize: 4 });
    expect(chunks.map((c) => Array.from(c.indices))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    expect(chunks[0]?.from_ms).toBeNull();
  });

  it("keeps or appends the incomplete chunk when asked", () => {
    expect(
      chunkReference(10, { by: "count", chunkSize: 4, incomplete: "keep" }).map((c) => c.indices.length),
    ).toEqual([4, 4, 2]);
    expect(
      chunkReference(10, { by: "count", chunkSize: 4, incomplete: "append" }).map((c) => c.indices.length),
    ).toEqual([4, 6]);
    expect(chunkReference(3, { by: "count", chunkSize: 4, incomplete: "append" })).toEqual([]);
  });

  it("returns the values of each chunk when given values", () => {
    const chunks = chunkReference([5, 6, 7, 8, 9], { by: "count", chunkSize: 2 });
    expect(chunks.map((c) => Array.from(c.values))).toEqual([
      [5, 6],
      [7, 8],
    ]);
  });

  it("rejects a non-positive chunk size", () => {
    expect(() => chunkReference(10, { by: "count", chunkSize: 0 })).toThrow(RangeError);
  });
});

describe("chunkReference by time", () => {
  it("groups unsorted rows into half-open UTC windows and skips empty windows", () => {
    const timestamps = [DAY + 5, 0, DAY - 1, 3 * DAY, DAY];
    const chunks = chunkReference([10, 11, 12, 13, 14], { by: "time", timestamps, chunkMs: DAY });
    expect(chunks.map((c) => [c.from_ms, c.to_ms])).toEqual([
      [0, DAY],
      [DAY, 2 * DAY],
      [3 * DAY, 4 * DAY],
    ]);
    expect(chunks.map((c) => Array.from(c.values))).toEqual([[11, 12], [10, 14], [13]]);
  });

  it("aligns windows on the given origin", () => {
    const chunks = chunkReference(2, { by: "time", timestamps: [0, 7], chunkMs: 10, originMs: 5 });
    expect(chunks.map((c) => [c.from_ms, Array.from(c.indices)])).toEqual([
      [-5, [0]],
      [5, [1]],
    ]);
  });

  it("rejects mismatched or non-finite timestamps", () => {
    expect(() => chunkReference(3, { by: "time", timestamps: [0, 1], chunkMs: 10 })).toThrow(RangeError);
    expect(() => chunkReference(1, { by: "time", timestamps: [Number.NaN], chunkMs: 10 })).toThrow(
      RangeError,
    );
  });
});
