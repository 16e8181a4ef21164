import { RandomSource } from "@sightline/stats";
import type { PerformanceBlock, PerformanceTask } from "../store/registry-store.js";

/** A metric difference (candidate minus baseline) with a bootstrap confidence interval. */
export interface PerformanceDifference {
  task: PerformanceTask;
  metric: "accuracy" | "mae" | "rmse";
  higher_is_better: boolean;
  baseline: { rows: number; value: number };
  candidate: { rows: number; value: number };
  difference: number;
  /** Percentile bootstrap interval of the difference at `confidence`. */
  ci: [number, number];
  confidence: number;
  iterations: number;
  seed: number;
}

/** Options of {@link performanceDifference}. */
export interface PerformanceOptions {
  metric?: "accuracy" | "mae" | "rmse";
  confidence: number;
  iterations: number;
  seed: number;
}

interface Totals {
  rows: number;
  correct: number;
  abs: number;
  squared: number;
}

function metricOf(metric: PerformanceDifference["metric"], t: Totals): number {
  if (metric === "accuracy") return t.correct / t.rows;
  if (metric === "mae") return t.abs / t.rows;
  return Math.sqrt(t.squared / t.rows);
}

function total(blocks: readonly PerformanceBlock[], pick?: (i: number) => number): Totals {
  const t: Totals = { rows: 0, correct: 0, abs: 0, squared: 0 };
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[pick ? pick(i) : i] as PerformanceBlock;
    t.rows += b.rows;
    t.correct += b.correct;
    t.abs += b.abs_error;
    t.squared += b.squared_error;
  }
  return t;
}

// Percentile of a sorted sample with linear interpolation (NumPy's default).
function percentile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  const a = sorted[low] as number;
  return a + ((sorted[high] as number) - a) * (position - low);
}

/**
 * Candidate-minus-baseline performance on labelled rows, with a percentile bootstrap interval. The
 * store sums labelled rows into blocks by a hash of their id, so the rows of a block are a random
 * subset; each bootstrap draw resamples the blocks of each version with replacement (a grouped
 * bootstrap: with one row per block it is the ordinary row bootstrap) and recomputes the metric from the
 * summed counts, never from raw rows. Accuracy for classification; MAE (default) or RMSE for regression.
 * Seeded with @sightline/stats' RandomSource, so the interval is the same on every run. Null when a side
 * has fewer than two blocks.
 *
 * @example
 * performanceDifference("classification", baselineBlocks, candidateBlocks,
 *   { confidence: 0.95, iterations: 2000, seed: 1 }); // { metric: "accuracy", difference: -0.1, ci: [-0.14, -0.06], ... }
 */
export function performanceDifference(
  task: PerformanceTask,
  baseline: readonly PerformanceBlock[],
  candidate: readonly PerformanceBlock[],
  options: PerformanceOptions,
): PerformanceDifference | null {
  if (baseline.length < 2 || candidate.length < 2) return null;
  const metric = options.metric ?? (task === "classification" ? "accuracy" : "mae");
  const base = total(baseline);
  const cand = total(candidate);
  const random = new RandomSource(options.seed);
  const draws = new Float64Array(options.iterations);
  for (let i = 0; i < options.iterations; i++) {
    const b = total(baseline, () => random.integer(0, baseline.length - 1));
    const c = total(candidate, () => random.integer(0, candidate.length - 1));
    draws[i] = metricOf(metric, c) - metricOf(metric, b);
  }
  draws.sort();
  const tail = (1 - options.confidence) / 2;
  const baseValue = metricOf(metric, base);
  const candValue = metricOf(metric, cand);
  return {
    task,
    metric,
    higher_is_better: metric === "accuracy",
    baseline: { rows: base.rows, value: baseValue },
    candidate: { rows: cand.rows, value: candValue },
    difference: candValue - baseValue,
    ci: [percentile(draws, tail), percentile(draws, 1 - tail)],
    confidence: options.confidence,
    iterations: options.iterations,
    seed: options.seed,
  };
}
