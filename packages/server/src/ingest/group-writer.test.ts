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

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("GroupWriter", () => {
  it("writes a lone batch at once when nothing gathers", async () => {
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

  it("holds a small group back while rows are incoming, then writes them as one group", async () => {
    const { groups, sink } = recordingSink();
    let incoming = 2;
    const writer = new GroupWriter(sink, 100, {
      incoming: () => incoming,
      targetRows: 3,
      maxWaitMs: 10_000,
      lingerMs: 0,
    });
    const first = writer.write([1]);
    await tick();
    expect(groups).toEqual([]);
    incoming = 1;
    const second = writer.write([2]);
    await tick();
    expect(groups).toEqual([]);
    incoming = 0;
    const third = writer.write([3]);
    await Promise.all([first, second, third]);
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it("writes the held group once the incoming rows turn out not to come (recheck)", async () => {
    const { groups, sink } = recordingSink();
    let incoming = 1;
    const writer = new GroupWriter(sink, 100, {
      incoming: () => incoming,
      targetRows: 10,
      maxWaitMs: 10_000,
      lingerMs: 0,
    });
    const done = writer.write([1, 2]);
    await tick();
    expect(groups).toEqual([]);
    incoming = 0;
    writer.recheck();
    await done;
    expect(groups).toEqual([[1, 2]]);
  });

  it("never holds a group back longer than maxWaitMs", async () => {
    const { groups, sink } = recordingSink();
    const writer = new GroupWriter(sink, 100, {
      incoming: () => 1,
      targetRows: 10,
      maxWaitMs: 20,
      lingerMs: 0,
    });
    const started = performance.now();
    await writer.write([1]);
    expect(groups).toEqual([[1]]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
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
