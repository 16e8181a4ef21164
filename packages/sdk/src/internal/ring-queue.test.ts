import { describe, expect, it } from "vitest";
import { RingQueue } from "./ring-queue.js";

describe("RingQueue", () => {
  it("keeps FIFO order across growth and wrap-around, and refuses beyond capacity", () => {
    const q = new RingQueue<string>(10, 2);
    const seen: number[] = [];
    let next = 0;
    for (let round = 0; round < 20; round++) {
      while (q.push(next, `id${next}`, next * 10, "o")) next++;
      expect(q.length).toBe(10);
      for (const item of q.shift(3)) {
        expect(item).toEqual({
          value: item.value,
          id: `id${item.value}`,
          timeMs: (item.value as number) * 10,
          owner: "o",
        });
        seen.push(item.value as number);
      }
    }
    seen.push(...q.shift(100).map((i) => i.value as number));
    expect(q.length).toBe(0);
    expect(seen).toEqual(Array.from({ length: next }, (_, i) => i));
  });
});
