import { describe, expect, it } from "vitest";
import type { PerformanceBlock } from "../store/registry-store.js";
import { performanceDifference } from "./performance-difference.js";

const options = { confidence: 0.95, iterations: 2000, seed: 7 };

/** `rows` labelled rows, `correct` of them right, spread over `blocks` blocks as evenly as possible. */
function classificationBlocks(rows: number, correct: number, blocks: number): PerformanceBlock[] {
  return Array.from({ length: blocks }, (_, b) => {
    const n = Math.floor(rows / blocks) + (b < rows % blocks ? 1 : 0);
    const c = Math.floor(correct / blocks) + (b < correct % blocks ? 1 : 0);
    return { rows: n, correct: c, abs_error: 0, squared_error: 0 };
  });
}

describe("performanceDifference", () => {
  it("gives the accuracy difference and a bootstrap interval as wide as the normal approximation", () => {
    // One row per block: the ordinary row bootstrap, whose interval width for a difference of two
    // proportions is close to 2 * 1.96 * sqrt(p1 q1 / n1 + p2 q2 / n2).
    const baseline = Array.from({ length: 400 }, (_, i) => ({
      rows: 1,
      correct: i < 360 ? 1 : 0,
      abs_error: 0,
      squared_error: 0,
    }));
    const candidate = Array.from({ length: 400 }, (_, i) => ({
      rows: 1,
      correct: i < 320 ? 1 : 0,
      abs_error: 0,
      squared_error: 0,
    }));
    const result = performanceDifference("classification", baseline, candidate, options);
    expect(result).not.toBeNull();
    expect(result?.metric).toBe("accuracy");
    expect(result?.difference).toBeCloseTo(0.8 - 0.9, 12);
    const [low, high] = result?.ci ?? [0, 0];
    const normalWidth = 2 * 1.959964 * Math.sqrt((0.9 * 0.1) / 400 + (0.8 * 0.2) / 400);
    expect(Math.abs(high - low - normalWidth) / normalWidth).toBeLessThan(0.1);
    expect(low).toBeLessThan(-0.1);
    expect(high).toBeLessThan(0);
  });

  it("is the same for the same seed and moves with another seed", () => {
    const baseline = classificationBlocks(1000, 850, 64);
    const candidate = classificationBlocks(1000, 860, 64);
    const a = performanceDifference("classification", baseline, candidate, options);
    const b = performanceDifference("classification", baseline, candidate, options);
    const c = performanceDifference("classification", baseline, candidate, { ...options, seed: 8 });
    expect(a?.ci).toEqual(b?.ci);
    expect(a?.ci).not.toEqual(c?.ci);
  });

  it("computes MAE and RMSE from summed errors, lower being better", () => {
    const blocks = (scale: number): PerformanceBlock[] =>
      Array.from({ length: 10 }, (_, i) => ({
        rows: 10,
        correct: 0,
        abs_error: scale * (10 + i),
        squared_error: scale * scale * (20 + i),
      }));
    const mae = performanceDifference("regression", blocks(1), blocks(2), options);
    expect(mae).toMatchObject({ metric: "mae", higher_is_better: false });
    expect(mae?.baseline.value).toBeCloseTo(145 / 100, 12);
    expect(mae?.candidate.value).toBeCloseTo(290 / 100, 12);
    const rmse = performanceDifference("regression", blocks(1), blocks(2), { ...options, metric: "rmse" });
    expect(rmse?.baseline.value).toBeCloseTo(Math.sqrt(245 / 100), 12);
    expect(rmse?.ci[0]).toBeGreaterThan(0);
  });

  it("needs two blocks per side", () => {
    expect(
      performanceDifference(
        "classification",
        classificationBlocks(10, 5, 1),
        classificationBlocks(10, 5, 4),
        options,
      ),
    ).toBeNull();
  });
});
