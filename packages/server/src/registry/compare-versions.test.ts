import { describe, expect, it } from "vitest";
import type { ComparisonAggregates, PerformanceBlock, VersionOperations } from "../store/registry-store.js";
import { compareVersions, DEFAULT_COMPARISON_OPTIONS } from "./compare-versions.js";

const subject = { model: "m", baseline: "v1", candidate: "v2", window: { fromMs: 0, toMs: 86_400_000 } };

const ops = (predictions: number, errors = 0, p95 = 20): VersionOperations => ({
  predictions,
  errors,
  latency_count: predictions,
  latency_p50_ms: p95 / 2,
  latency_p95_ms: p95,
});

/** `rows` rows in 50 blocks, a share `accuracy` correct overall, blocks alternating 2 above and below. */
const blocks = (rows: number, accuracy: number): PerformanceBlock[] =>
  Array.from({ length: 50 }, (_, i) => ({
    rows: rows / 50,
    correct: (rows / 50) * accuracy + (i % 2 === 0 ? 2 : -2),
    abs_error: 0,
    squared_error: 0,
  }));

function aggregates(overrides: Partial<ComparisonAggregates>): ComparisonAggregates {
  return {
    baseline: ops(1000),
    candidate: ops(1000),
    outputs: { kind: "none" },
    task: "classification",
    baselineBlocks: [],
    candidateBlocks: [],
    ...overrides,
  };
}

const judge = (overrides: Partial<ComparisonAggregates>) =>
  compareVersions(aggregates(overrides), subject, DEFAULT_COMPARISON_OPTIONS);

describe("compareVersions", () => {
  it("finds no significant difference between equal versions", () => {
    const result = judge({ baselineBlocks: blocks(1000, 0.9), candidateBlocks: blocks(1000, 0.9) });
    expect(result.verdict).toBe("no_significant_difference");
    expect(result.performance?.ci[0]).toBeLessThan(0);
  });

  it("calls the candidate worse on lower accuracy, better on higher", () => {
    const worse = judge({ baselineBlocks: blocks(1000, 0.9), candidateBlocks: blocks(1000, 0.8) });
    expect(worse.verdict).toBe("candidate_worse");
    expect(worse.reasons[0]).toMatch(/^accuracy 0.8 \(candidate\) vs 0.9 \(baseline\)/);
    const better = judge({ baselineBlocks: blocks(1000, 0.8), candidateBlocks: blocks(1000, 0.9) });
    expect(better.verdict).toBe("candidate_better");
  });

  it("calls the candidate worse on a higher error rate or a slower p95, even when accuracy is better", () => {
    const errors = judge({
      candidate: ops(1000, 60),
      baselineBlocks: blocks(1000, 0.8),
      candidateBlocks: blocks(1000, 0.9),
    });
    expect(errors.verdict).toBe("candidate_worse");
    expect(errors.error_rate?.significant).toBe(true);
    const slow = judge({ candidate: ops(1000, 0, 40) });
    expect(slow.verdict).toBe("candidate_worse");
    expect(slow.latency).toMatchObject({ p95_difference_ms: 20, p95_ratio: 2 });
  });

  it("reports an output distribution change without judging it", () => {
    const result = judge({
      outputs: { kind: "categorical", classes: ["a", "b"], baseline: [500, 500], candidate: [300, 700] },
    });
    expect(result.verdict).toBe("no_significant_difference");
    expect(result.outputs?.significant).toBe(true);
    expect(result.reasons.some((r) => r.startsWith("output distribution differs"))).toBe(true);
  });

  it("has insufficient data below the minimum row count", () => {
    const result = judge({ baseline: ops(10), candidate: ops(12) });
    expect(result.verdict).toBe("insufficient_data");
    expect(result.performance).toBeNull();
  });
});
