import type { DriftDistribution } from "../api/types.js";

/** A distribution answer as shares per bin and cumulative shares, with a label per bin. */
export interface DistributionShares {
  labels: string[];
  reference: number[];
  current: number[];
  reference_cdf: number[];
  current_cdf: number[];
}

function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

function cumulative(values: readonly number[]): number[] {
  let sum = 0;
  return values.map((v) => {
    sum += v;
    return Math.min(1, sum);
  });
}

/**
 * Shares of the reference and of the window per bin (each count over its total) and their running sums (the
 * binned CDFs); labels are the categories, or each numeric bin's upper edge.
 *
 * @example
 * distributionShares({ kind: "categorical", categories: ["a", "other"], reference: [3, 1], current: [1, 1], ... });
 * // { labels: ["a", "other"], reference: [0.75, 0.25], current: [0.5, 0.5], reference_cdf: [0.75, 1], ... }
 */
export function distributionShares(d: DriftDistribution, format: (x: number) => string): DistributionShares {
  const reference = shares(d.reference);
  const current = shares(d.current);
  const labels = d.kind === "categorical" ? d.categories : d.edges.slice(1).map((x) => `≤ ${format(x)}`);
  return {
    labels,
    reference,
    current,
    reference_cdf: cumulative(reference),
    current_cdf: cumulative(current),
  };
}
