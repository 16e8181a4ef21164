import { describe, expect, it } from "vitest";
import { GroupWriter } from "./group-writer.js";

// A sink that records each group it is given and completes when the test says so.
function recordingSink() {
  const groups: number[][] = [];
  return {
    groups,
    sink: async (rows: readonly number[]) => {
      groups.push([...rows]);
    },
  };
}

describe("GroupWriter", () => {
  it("writes a lone batch at once", async () => {
    const { groups, sink } = recordingSink();
    const writer = new GroupWriter(sink, 100);
    await writer.write([1, 2]);
    expect(groups).toEqual([[1, 2]]);
    expect(writer.depth).toBe(0);
  });

  it("combines batches that arrive together into groups, within the row limit", async () => {
    const { groups, sink } = recordingSink();
    const writer = new GroupWriter(sink, 4);
    const writes = [writer.write([1]), writer.write([2, 3]), writer.write([4, 5]), writer.write([6])];
    await Promise.all(writes);
    expect(groups).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("lets batches already queued in the event loop join the group", async () => {
    const { groups, sink } = recordingSink();
    const writer = new GroupWriter(sink, 100);
    // Two replies that arrived together (e.g. from the validation worker during a synchronous flush): the
    // first starts a write; the second, already queued behind it, joins its group.
    const written = new Promise<void>((resolve) => {
      setImmediate(() => void writer.write([1]));
      setImmediate(() => void writer.write([2, 3]).then(resolve));
    });
    await written;
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it("does not wait for batches that have not arrived", async () => {
    const { groups, sink } = recordingSink();
    const writer = new GroupWriter(sink, 100);
    await writer.write([1]);
    const later = new Promise<void>((resolve) => setTimeout(() => void writer.write([2]).then(resolve), 5));
    await later;
    expect(groups).toEqual([[1], [2]]);
  });

  it("rejects every caller of a failed group and keeps writing later ones", async () => {
    let fail = true;
    const written: number[][] = [];
    const writer = new GroupWriter(async (rows: readonly number[]) => {
      if (fail) {
        fail = false;
        throw new Error("disk full");
      }
      written.push([...rows]);
    }, 100);
    await expect(writer.write([1])).rejects.toThrow("disk full");
    await writer.write([2]);
    expect(written).toEqual([[2]]);
    expect(writer.depth).toBe(0);
  });
});
