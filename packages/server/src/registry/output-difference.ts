import { binnedKs, binnedWasserstein, chiSquareSurvival, jensenShannon } from "@sightline/stats";
import type { OutputHistograms } from "../store/registry-store.js";

/** How two versions' outputs differ: a test with a p-value and a distance. */
export interface OutputDifference {
  kind: "numeric" | "categorical";
  source: "score" | "prediction";
  /** `ks` (binned two-sample KS) for numeric outputs, `chi_square` (2×K homogeneity) for classes. */
  test: "ks" | "chi_square";
  statistic: number;
  p_value: number;
  /** `wasserstein` (in output units) for numeric outputs, `jensen_shannon` (0..1) for classes. */
  distance_method: "wasserstein" | "jensen_shannon";
  distance: number;
  bins: number;
  baseline_rows: number;
  candidate_rows: number;
}

const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);

/**
 * Pearson's chi-square test of homogeneity on a 2×K table of class counts (categories empty in both
 * rows dropped), without continuity correction, as `scipy.stats.chi2_contingency(table,
 * correction=False)`.
 *
 * @example
 * chiSquareHomogeneity([50, 50], [30, 70]); // { statistic: 8.333, p_value: 0.00389, df: 1 }
 */
export function chiSquareHomogeneity(
  baseline: readonly number[],
  candidate: readonly number[],
): { statistic: number; p_value: number; df: number } {
  const nb = sum(baseline);
  const nc = sum(candidate);
  const total = nb + nc;
  let statistic = 0;
  let categories = 0;
  baseline.forEach((b, k) => {
    const c = candidate[k] ?? 0;
    const column = b + c;
    if (column === 0) return;
    categories += 1;
    const eb = (column * nb) / total;
    const ec = (column * nc) / total;
    statistic += (b - eb) ** 2 / eb + (c - ec) ** 2 / ec;
  });
  const df = Math.max(0, categories - 1);
  return { statistic, p_value: df === 0 ? 1 : chiSquareSurvival(statistic, df), df };
}

/**
 * Compares output histograms of a baseline and a candidate version: numeric outputs (scores or numeric
 * predictions) on shared quantile bins by binned KS (@sightline/stats `binnedKs`) and binned Wasserstein
 * distance; classes by a chi-square homogeneity test and the Jensen–Shannon distance. Null when either
 * side has no outputs.
 *
 * @example
 * outputDifference({ kind: "categorical", classes: ["a", "b"], baseline: [50, 50], candidate: [30, 70] });
 * // { test: "chi_square", p_value: 0.0039, distance_method: "jensen_shannon", ... }
 */
export function outputDifference(outputs: OutputHistograms): OutputDifference | null {
  if (outputs.kind === "none") return null;
  const baselineRows = sum(outputs.baseline);
  const candidateRows = sum(outputs.candidate);
  if (baselineRows === 0 || candidateRows === 0) return null;
  if (outputs.kind === "numeric") {
    const ks = binnedKs(outputs.baseline, outputs.candidate);
    const distance =
      outputs.cuts.length === 0
        ? 0
        : binnedWasserstein(outputs.baseline, outputs.candidate, { cuts: outputs.cuts, range: outputs.range })
            .statistic;
    return {
      kind: "numeric",
      source: outputs.source,
      test: "ks",
      statistic: ks.statistic,
      p_value: ks.p_value ?? 1,
      distance_method: "wasserstein",
      distance,
      bins: outputs.baseline.length,
      baseline_rows: baselineRows,
      candidate_rows: candidateRows,
    };
  }
  const chi = chiSquareHomogeneity(outputs.baseline, outputs.candidate);
  return {
    kind: "categorical",
    source: "prediction",
    test: "chi_square",
    statistic: chi.statistic,
    p_value: chi.p_value,
    distance_method: "jensen_shannon",
    distance: jensenShannon(outputs.baseline, outputs.candidate).statistic,
    bins: outputs.classes.length,
    baseline_rows: baselineRows,
    candidate_rows: candidateRows,
  };
}
