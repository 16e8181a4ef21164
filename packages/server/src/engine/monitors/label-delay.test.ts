import { describe, expect, it } from "vitest";
import { DEFAULT_LABEL_DELAY_MS, delayText, maturedWindows, monitorDelayMs } from "./label-delay.js";

const day = 86_400_000;

describe("monitorDelayMs", () => {
  it("waits 3 days for performance monitors unless they state a delay, and not at all for others", () => {
    expect(monitorDelayMs({ kind: "performance" })).toBe(DEFAULT_LABEL_DELAY_MS);
    expect(monitorDelayMs({ kind: "performance", delayMs: day })).toBe(day);
    expect(monitorDelayMs({ kind: "performance", delayMs: 0 })).toBe(0);
    expect(monitorDelayMs({ kind: "drift" })).toBe(0);
  });
});

describe("maturedWindows", () => {
  it("gives each window once, when its end + delay is passed, however the clock steps", () => {
    const seen: number[] = [];
    for (let t = 0; t < 10 * day; t += day) {
      for (const w of maturedWindows(t, t + day, day, 2 * day, 0)) seen.push(w.fromMs / day);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const inOneGo = maturedWindows(0, 10 * day, day, 2 * day, 0).map((w) => w.fromMs / day);
    expect(inOneGo).toEqual(seen);
  });

  it("handles delays that are not whole windows, and windows before the first", () => {
    expect(maturedWindows(0, 3 * day, day, day / 2, day).map((w) => w.fromMs / day)).toEqual([1]);
    expect(maturedWindows(3 * day, 3 * day, day, 0, 0)).toEqual([]);
  });
});

describe("delayText", () => {
  it("writes a delay back in the form the monitor field takes", () => {
    expect([0, DEFAULT_LABEL_DELAY_MS, 2 * 604_800_000, 36 * 3_600_000, 90 * 60_000].map(delayText)).toEqual([
      0,
      "3d",
      "2w",
      "36h",
      "90m",
    ]);
  });
});
