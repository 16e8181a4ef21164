import type { ColumnCounts } from "../../store/window-store.js";
import type { ReferenceColumn } from "./reference-profile.js";

/** Bins a distribution answer is merged into (numeric columns). */
export const DISPLAY_BINS = 20;
/** Categories a distribution answer keeps (the most frequent in the reference); the rest go to "other". */
export const DISPLAY_CATEGORIES = 20;

/** Reference and window counts of a numeric column over merged reference-quantile bins. */
export interface NumericDistribution {
  kind: "numeric";
  /** `reference.length + 1` edges; bin i is (edges[i], edges[i + 1]], the first one closed at its minimum. */
  edges: number[];
  reference: number[];
  current: number[];
}

/** Reference and window counts of a categorical (or low-cardinality) column; the last category is "other". */
export interface CategoricalDistribution {
  kind: "categorical";
  categories: string[];
  reference: number[];
  current: number[];
}

/** What a drift cell shows: the column's reference and window counts over the bins its test used. */
export type DriftDistribution = NumericDistribution | CategoricalDistribution;

function merge(counts: readonly number[], groups: readonly (readonly number[])[]): number[] {
  return groups.map((g) => g.reduce((sum, i) => sum + (counts[i] ?? 0), 0));
}

function lowest(...values: (number | null)[]): number | null {
  const finite = values.filter((v): v is number => v !== null);
  return finite.length === 0 ? null : Math.min(...finite);
}

function highest(...values: (number | null)[]): number | null {
  const finite = values.filter((v): v is number => v !== null);
  return finite.length === 0 ? null : Math.max(...finite);
}

/**
 * The reference and window counts of a column over the same bins the drift test used, made small: numeric
 * columns' reference-quantile bins merged `ceil(bins / maxBins)` adjacent bins at a time (so each display bin
 * holds about the same reference share, and merged counts still sum to the rows), outer edges at the smallest
 * and largest value seen in either; categorical columns keep the reference's first `maxCategories`
 * categories (they come most frequent first) and sum the rest into "other".
 *
 * @example
 * driftDistribution(column, current); // { kind: "numeric", edges: [0, 1.2, ...], reference: [50, ...], current: [61, ...] }
 */
export function driftDistribution(
  column: ReferenceColumn,
  current: ColumnCounts,
  maxBins = DISPLAY_BINS,
  maxCategories = DISPLAY_CATEGORIES,
): DriftDistribution {
  const bins = column.bins;
  if (bins.binning === "cuts") {
    const n = bins.cuts.length + 1;
    const step = Math.ceil(n / maxBins);
    const groups: number[][] = [];
    for (let start = 0; start < n; start += step) {
      groups.push(Array.from({ length: Math.min(step, n - start) }, (_, k) => start + k));
    }
    const inner = groups.slice(0, -1).map((g) => bins.cuts[g[g.length - 1] as number] as number);
    const low = lowest(column.counts.min, current.min, inner[0] ?? null) ?? 0;
    const high = highest(column.counts.max, current.max, inner[inner.length - 1] ?? null) ?? low;
    return {
      kind: "numeric",
      edges: [low, ...inner, high],
      reference: merge(column.counts.counts, groups),
      current: merge(current.counts, groups),
    };
  }
  const kept = Math.min(maxCategories, bins.categories.length);
  const groups: number[][] = Array.from({ length: kept }, (_, i) => [i]);
  groups.push(Array.from({ length: bins.categories.length + 1 - kept }, (_, k) => kept + k));
  return {
    kind: "categorical",
    categories: [...bins.categories.slice(0, kept), "other"],
    reference: merge(column.counts.counts, groups),
    current: merge(current.counts, groups),
  };
}
