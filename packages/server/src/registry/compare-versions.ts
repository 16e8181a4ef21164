import { twoProportionZ } from "@sightline/stats";
import type { Window } from "../engine/window.js";
import type { ComparisonAggregates, VersionOperations } from "../store/registry-store.js";
import { type OutputDifference, outputDifference } from "./output-difference.js";
import { type PerformanceDifference, performanceDifference } from "./performance-difference.js";

/** The verdict of a canary/shadow comparison. */
export type ComparisonVerdict =
  | "candidate_better"
  | "no_significant_difference"
  | "candidate_worse"
  | "insufficient_data";

/** Options of {@link compareVersions}; defaults in {@link DEFAULT_COMPARISON_OPTIONS}. */
export interface ComparisonOptions {
  /** Significance level of the error-rate and output tests; the performance interval is at 1 - alpha. */
  alpha: number;
  /** Fewest predictions per version for a verdict, and fewest labelled rows for a performance one. */
  minRows: number;
  /** Candidate p95 latency above baseline p95 × (1 + this) counts against the candidate. */
  latencyTolerance: number;
  iterations: number;
  seed: number;
  metric?: "accuracy" | "mae" | "rmse";
}

export const DEFAULT_COMPARISON_OPTIONS: ComparisonOptions = {
  alpha: 0.05,
  minRows: 30,
  latencyTolerance: 0.25,
  iterations: 2000,
  seed: 1,
};

/** One version's side of the comparison. */
export interface VersionSide extends VersionOperations {
  version: string;
  error_rate: number | null;
}

/** A canary/shadow comparison of two versions over one window. */
export interface VersionComparison {
  model: string;
  window: { from: string; to: string };
  baseline: VersionSide;
  candidate: VersionSide;
  outputs: (OutputDifference & { significant: boolean }) | null;
  performance: PerformanceDifference | null;
  error_rate: { difference: number; p_value: number; significant: boolean } | null;
  latency: { p50_difference_ms: number | null; p95_difference_ms: number | null; p95_ratio: number | null };
  verdict: ComparisonVerdict;
  reasons: string[];
}

const side = (version: string, ops: VersionOperations): VersionSide => ({
  version,
  ...ops,
  error_rate: ops.predictions === 0 ? null : ops.errors / ops.predictions,
});
const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
const fmt = (x: number) => Number(x.toPrecision(3));

/**
 * Judges a candidate version against a baseline over the same window, from store aggregates: output
 * distribution difference (reported; a difference alone is neither better nor worse), performance on
 * labelled rows with a bootstrap interval (decides when the interval excludes 0), error rate by a
 * two-proportion z-test, and p95 latency against a tolerance. Any worse signal makes the candidate
 * worse; otherwise any better one makes it better; otherwise no significant difference when both
 * versions have `minRows` predictions, else insufficient data. `reasons` say which signals decided.
 *
 * @example
 * compareVersions(aggregates, { model: "m", baseline: "v1", candidate: "v2", window }, DEFAULT_COMPARISON_OPTIONS);
 * // { verdict: "candidate_worse", reasons: ["accuracy 0.7 vs 0.9: difference -0.2, 95% CI [-0.25, -0.15]"], ... }
 */
export function compareVersions(
  aggregates: ComparisonAggregates,
  subject: { model: string; baseline: string; candidate: string; window: Window },
  options: ComparisonOptions,
): VersionComparison {
  const baseline = side(subject.baseline, aggregates.baseline);
  const candidate = side(subject.candidate, aggregates.candidate);
  const worse: string[] = [];
  const better: string[] = [];
  const notes: string[] = [];
  const enough = baseline.predictions >= options.minRows && candidate.predictions >= options.minRows;
  if (!enough) {
    notes.push(
      `too few predictions: ${baseline.predictions} (baseline) and ${candidate.predictions} (candidate), need ${options.minRows} each`,
    );
  }

  const output = outputDifference(aggregates.outputs);
  const outputs = output ? { ...output, significant: output.p_value < options.alpha } : null;
  if (outputs?.significant) {
    notes.push(
      `output distribution differs (${outputs.test} p=${fmt(outputs.p_value)}, ${outputs.distance_method} ${fmt(outputs.distance)})`,
    );
  }

  const labelled = (blocks: typeof aggregates.baselineBlocks) => blocks.reduce((s, b) => s + b.rows, 0);
  const labelledEnough =
    labelled(aggregates.baselineBlocks) >= options.minRows &&
    labelled(aggregates.candidateBlocks) >= options.minRows;
  const performance = labelledEnough
    ? performanceDifference(aggregates.task, aggregates.baselineBlocks, aggregates.candidateBlocks, {
        confidence: 1 - options.alpha,
        iterations: options.iterations,
        seed: options.seed,
        ...(options.metric ? { metric: options.metric } : {}),
      })
    : null;
  if (performance) {
    const [low, high] = performance.ci;
    const text = `${performance.metric} ${fmt(performance.candidate.value)} (candidate) vs ${fmt(performance.baseline.value)} (baseline): difference ${fmt(performance.difference)}, ${Math.round(performance.confidence * 100)}% CI [${fmt(low)}, ${fmt(high)}]`;
    const gain = performance.higher_is_better ? low > 0 : high < 0;
    const loss = performance.higher_is_better ? high < 0 : low > 0;
    if (loss) worse.push(text);
    else if (gain) better.push(text);
    else notes.push(`${text} includes 0`);
  } else {
    notes.push(`too few labelled rows to compare performance (need ${options.minRows} per version)`);
  }

  let errorRate: VersionComparison["error_rate"] = null;
  if (baseline.predictions > 0 && candidate.predictions > 0) {
    const z = twoProportionZ(
      [baseline.predictions - baseline.errors, baseline.errors],
      [candidate.predictions - candidate.errors, candidate.errors],
    );
    const difference = (candidate.error_rate ?? 0) - (baseline.error_rate ?? 0);
    const p = z.p_value ?? 1;
    errorRate = { difference, p_value: p, significant: enough && p < options.alpha };
    const text = `error rate ${fmt(candidate.error_rate ?? 0)} (candidate) vs ${fmt(baseline.error_rate ?? 0)} (baseline), p=${fmt(p)}`;
    if (errorRate.significant) (difference > 0 ? worse : better).push(text);
  }

  const p95Ratio =
    baseline.latency_p95_ms && candidate.latency_p95_ms !== null
      ? candidate.latency_p95_ms / baseline.latency_p95_ms
      : null;
  const latencyCounted =
    baseline.latency_count >= options.minRows && candidate.latency_count >= options.minRows;
  if (latencyCounted && p95Ratio !== null && p95Ratio > 1 + options.latencyTolerance) {
    worse.push(
      `p95 latency ${fmt(candidate.latency_p95_ms ?? 0)} ms (candidate) vs ${fmt(baseline.latency_p95_ms ?? 0)} ms (baseline), over the ${options.latencyTolerance * 100}% tolerance`,
    );
  }

  const verdict: ComparisonVerdict =
    worse.length > 0
      ? "candidate_worse"
      : better.length > 0
        ? "candidate_better"
        : enough
          ? "no_significant_difference"
          : "insufficient_data";
  return {
    model: subject.model,
    window: {
      from: new Date(subject.window.fromMs).toISOString(),
      to: new Date(subject.window.toMs).toISOString(),
    },
    baseline,
    candidate,
    outputs,
    performance,
    error_rate: errorRate,
    latency: {
      p50_difference_ms: diff(baseline.latency_p50_ms, candidate.latency_p50_ms),
      p95_difference_ms: diff(baseline.latency_p95_ms, candidate.latency_p95_ms),
      p95_ratio: p95Ratio,
    },
    verdict,
    reasons: [...worse, ...better, ...notes],
  };
}
