import {
  type DriftMethod,
  type DriftTestResult,
  SMALL_SAMPLE_LIMIT,
  selectMethod,
  topKCategories,
} from "@sightline/stats";
import { isDrift } from "../../report/drift-report.js";
import { runCountMethod } from "../../report/run-drift-method.js";
import type { ColumnCounts } from "../../store/window-store.js";
import type { ChunkVariation } from "./reference-chunks.js";
import type { ReferenceColumn } from "./reference-profile.js";

/** Raw-sample methods asked for by name are run on the histograms as their binned forms. */
const BINNED_FORM: Partial<Record<DriftMethod, DriftMethod>> = {
  ks: "binned-ks",
  wasserstein: "binned-wasserstein",
};

const BINNED_ONLY: ReadonlySet<DriftMethod> = new Set(["binned-ks", "binned-wasserstein"]);
const BINARY: ReadonlySet<DriftMethod> = new Set(["two-proportion-z", "fisher-exact"]);

/**
 * Whether a method can run on a column's histogram: binned KS and Wasserstein need numeric bins,
 * the two-category tests need categories.
 *
 * @example
 * methodFits(cityColumn, "binned-ks"); // false
 */
export function methodFits(column: ReferenceColumn, method: DriftMethod): boolean {
  const m = BINNED_FORM[method] ?? method;
  return column.bins.binning === "cuts" ? !BINARY.has(m) : !BINNED_ONLY.has(m);
}

/** Two count vectors ready for a method, and the method that will run on them. */
export interface PreparedComparison {
  method: DriftMethod;
  reason: string;
  /** Categories kept (the top reference categories plus "other") when the automatic choice reduced them. */
  topK?: number;
  reference: Float64Array;
  current: Float64Array;
}

/**
 * Picks the method for one column of one window (stats `selectMethod` on summaries, or the one asked
 * for) and aligns the two histograms for it: categories empty in both dropped, binary methods padded
 * to two cells (or replaced by chi-square / Jensen–Shannon when there are more, as the drift report),
 * high-cardinality categories reduced to the top 20 reference categories plus "other". `like` repeats
 * an earlier choice (method and category reduction) on other counts, so reference chunks are measured
 * exactly as the window they calibrate.
 *
 * @example
 * prepareComparison(referenceColumn, windowCounts); // { method: "binned-wasserstein", reference, current, ... }
 */
export function prepareComparison(
  column: ReferenceColumn,
  current: ColumnCounts,
  requested?: DriftMethod | Pick<PreparedComparison, "method" | "topK">,
): PreparedComparison {
  const reference = column.counts;
  let method: DriftMethod;
  let reason: string;
  let topK: number | undefined;
  if (requested === undefined) {
    ({ method, reason, topK } = selectMethod({
      type: column.type,
      referenceSize: reference.present,
      currentSize: current.present,
      uniqueCount: column.distinct,
      summariesOnly: true,
    }));
  } else if (typeof requested === "object") {
    ({ method, topK } = requested);
    reason = `as the window: ${method}`;
  } else {
    method = BINNED_FORM[requested] ?? requested;
    reason = `chosen with method=${requested}`;
  }
  if (column.bins.binning === "cuts") {
    if (BINARY.has(method)) {
      throw new RangeError(`${method} needs two categories, but ${column.name} is numeric`);
    }
    return {
      method,
      reason,
      reference: Float64Array.from(reference.counts),
      current: Float64Array.from(current.counts),
    };
  }
  if (BINNED_ONLY.has(method)) throw new RangeError(`${method} needs a numeric column`);
  let a: number[] = [];
  let b: number[] = [];
  reference.counts.forEach((r, k) => {
    const c = current.counts[k] ?? 0;
    if (r > 0 || c > 0) {
      a.push(r);
      b.push(c);
    }
  });
  if (BINARY.has(method) && a.length !== 2) {
    if (a.length < 2) {
      a = [a[0] ?? 0, 0];
      b = [b[0] ?? 0, 0];
    } else {
      const small = Math.min(reference.present, current.present) <= SMALL_SAMPLE_LIMIT;
      method = small ? "chi-square" : "jensen-shannon";
      reason += `; ${a.length} distinct values in the two windows, so ${method} is used instead`;
    }
  }
  if (topK !== undefined && a.length > topK) {
    const reduced = topKCategories(a, b, topK);
    return { method, reason, topK, reference: reduced.reference, current: reduced.current };
  }
  return { method, reason, reference: Float64Array.from(a), current: Float64Array.from(b) };
}

/**
 * Runs a prepared comparison. Binned Wasserstein uses the per-bin means of both windows (exact for
 * data inside one bin) and the combined range, and is divided by the reference standard deviation, as
 * in the drift report.
 *
 * @example
 * runComparison(column, windowCounts, prepareComparison(column, windowCounts)); // { statistic, p_value }
 */
export function runComparison(
  column: ReferenceColumn,
  current: ColumnCounts,
  prepared: PreparedComparison,
): DriftTestResult {
  const { method } = prepared;
  if (column.bins.binning !== "cuts" || method !== "binned-wasserstein") {
    return runCountMethod(method, prepared.reference, prepared.current);
  }
  const reference = column.counts;
  const means = (counts: ColumnCounts) =>
    counts.sums.map((s, k) => (counts.counts[k] ? s / (counts.counts[k] as number) : Number.NaN));
  const lo = Math.min(reference.min ?? 0, current.min ?? reference.min ?? 0);
  const hi = Math.max(reference.max ?? 0, current.max ?? reference.max ?? 0);
  return runCountMethod(method, prepared.reference, prepared.current, {
    cuts: column.bins.cuts,
    range: [lo, hi],
    referenceMeans: means(reference),
    currentMeans: means(current),
    referenceStd: column.std ?? 0,
  });
}

/** One column's drift in one window, in the words of the `sightline drift` report. */
export interface ColumnDriftResult {
  column: string;
  type: ReferenceColumn["type"];
  method: DriftMethod;
  statistic: number;
  p_value: number | null;
  /** The p-value corrected across the window's tests (adjust-window-p-values.ts); null for distances. */
  p_adjusted: number | null;
  /** The correction behind `p_adjusted` (`holm`); null for distances. */
  p_adjustment: "holm" | "bh" | "bonferroni" | null;
  /** Size of the window's family of p-value tests (0 for distances). */
  tests_in_window: number;
  threshold: number;
  /** Tests: `p_adjusted` below `threshold`; distances: `statistic` above it. */
  drift_detected: boolean;
  reason: string;
  reference_rows: number;
  rows: number;
  threshold_source: "p_value" | "calibrated" | "min_effect" | "reference_chunks";
  /** How the column varies between reference chunks of the window's size (reference-chunks.ts); null when not computed. */
  reference_chunks: ChunkVariation | null;
}

/**
 * Judges a result against a threshold: p < threshold for tests, statistic > threshold for distances.
 *
 * @example
 * judge({ statistic: 0.3, p_value: null }, 0.2); // true
 */
export function judge(result: DriftTestResult, threshold: number): boolean {
  return isDrift(result, threshold);
}
