import type { DuckDBConnection } from "@duckdb/node-api";
import {
  type DriftMethod,
  type DriftTestResult,
  LOW_CARDINALITY_LIMIT,
  SMALL_SAMPLE_LIMIT,
  selectMethod,
  topKCategories,
} from "@sightline/stats";
import { SightlineError } from "../errors.js";
import { alignCounts, chartBars } from "./category-counts.js";
import {
  binCounts,
  type ColumnProfile,
  categoryCounts,
  equalWidthCounts,
  numericValues,
  profileColumn,
  quantileCuts,
} from "./column-aggregates.js";
import type { ColumnChart, ColumnDrift } from "./drift-report.js";
import { isDrift } from "./drift-report.js";
import { defaultThreshold } from "./drift-thresholds.js";
import type { PlannedColumn } from "./plan-columns.js";
import {
  BINARY_METHODS,
  BINNED_NUMERIC_METHODS,
  runCountMethod,
  runSampleMethod,
  SAMPLE_METHODS,
} from "./run-drift-method.js";

/** What every column is compared with. */
export interface ColumnDriftOptions {
  method: DriftMethod | "auto";
  /** Overrides the per-method default threshold for every column. */
  threshold?: number;
  /** Number of reference-quantile bins for numeric columns under a count method. */
  bins: number;
}

/** Bars drawn for a categorical column before the rest is merged into "(other)". */
const CHART_CATEGORIES = 30;
/** Fewest equal-width bins drawn for a numeric column. */
const CHART_BINS = 30;

const REFERENCE = "reference";
const CURRENT = "current";

/**
 * Compares one column of the `reference` and `current` tables: picks the method (`selectMethod` for
 * auto), aggregates in DuckDB (category counts, quantile-bin counts; raw values only for the
 * raw-sample methods), runs the method and applies the threshold.
 *
 * @example
 * await columnDrift(conn, { name: "age", kind: "numeric" }, { method: "auto", bins: 10 }); // { method: "ks", ... }
 */
export async function columnDrift(
  conn: DuckDBConnection,
  column: PlannedColumn,
  options: ColumnDriftOptions,
): Promise<ColumnDrift> {
  const { name, kind } = column;
  const ref = await profileColumn(conn, REFERENCE, name, kind);
  const cur = await profileColumn(conn, CURRENT, name, kind);
  for (const [role, profile] of [
    [REFERENCE, ref],
    [CURRENT, cur],
  ] as const) {
    if (profile.count === 0) {
      const what = kind === "numeric" ? "no finite values (all null)" : "no values (all null)";
      throw new SightlineError(
        "SL_INVALID_REFERENCE",
        `column '${name}' is empty in the ${role} file: ${what}`,
      );
    }
  }
  let method: DriftMethod;
  let reason: string;
  let topK: number | undefined;
  if (options.method === "auto") {
    const selection = selectMethod({
      type: kind,
      referenceSize: ref.count,
      currentSize: cur.count,
      uniqueCount: ref.distinct,
    });
    ({ method, reason, topK } = selection);
  } else {
    method = options.method;
    reason = "chosen with --method";
  }
  const fail = (message: string): never => {
    throw new SightlineError("SL_INVALID_QUERY", `column '${name}': ${message}`);
  };
  let result: DriftTestResult;
  let chart: ColumnChart;
  try {
    if (SAMPLE_METHODS.has(method) || BINNED_NUMERIC_METHODS.has(method)) {
      if (kind !== "numeric") fail(`method ${method} needs a numeric column, but this one is ${kind}`);
      chart = await histogramChart(conn, name, ref, cur, options.bins);
      if (SAMPLE_METHODS.has(method)) {
        const a = await numericValues(conn, REFERENCE, name, ref.count);
        const b = await numericValues(conn, CURRENT, name, cur.count);
        result = runSampleMethod(method, a, b);
      } else {
        const cuts = await quantileCuts(conn, REFERENCE, name, options.bins);
        const a = await binCounts(conn, REFERENCE, name, cuts);
        const b = await binCounts(conn, CURRENT, name, cuts);
        result = runCountMethod(method, a.counts, b.counts, {
          cuts,
          range: [Math.min(ref.min ?? 0, cur.min ?? 0), Math.max(ref.max ?? 0, cur.max ?? 0)],
          referenceMeans: a.means,
          currentMeans: b.means,
          referenceStd: ref.std ?? 0,
        });
      }
    } else {
      const asCategories =
        kind !== "numeric" ||
        BINARY_METHODS.has(method) ||
        (options.method === "auto" && ref.distinct <= LOW_CARDINALITY_LIMIT);
      if (asCategories) {
        const counts = alignCounts(
          kind,
          await categoryCounts(conn, REFERENCE, name, kind),
          await categoryCounts(conn, CURRENT, name, kind),
        );
        chart = { kind: "bars", ...chartBars(counts, CHART_CATEGORIES) };
        let a: ArrayLike<number> = counts.reference;
        let b: ArrayLike<number> = counts.current;
        if (BINARY_METHODS.has(method) && counts.categories.length !== 2) {
          if (counts.categories.length < 2) {
            a = Float64Array.of(a[0] ?? 0, 0);
            b = Float64Array.of(b[0] ?? 0, 0);
          } else if (options.method === "auto") {
            const small = Math.min(ref.count, cur.count) <= SMALL_SAMPLE_LIMIT;
            method = small ? "chi-square" : "jensen-shannon";
            reason += `; the two files hold ${counts.categories.length} distinct values together, so ${method} is used instead`;
          } else {
            fail(`method ${method} needs exactly two categories, found ${counts.categories.length}`);
          }
        }
        if (topK !== undefined) {
          const reduced = topKCategories(a, b, topK);
          a = reduced.reference;
          b = reduced.current;
        }
        result = runCountMethod(method, a, b);
      } else {
        chart = await histogramChart(conn, name, ref, cur, options.bins);
        const cuts = await quantileCuts(conn, REFERENCE, name, options.bins);
        const a = await binCounts(conn, REFERENCE, name, cuts);
        const b = await binCounts(conn, CURRENT, name, cuts);
        result = runCountMethod(method, a.counts, b.counts);
        reason += `; on ${cuts.length + 1} reference-quantile bins`;
      }
    }
  } catch (error) {
    if (error instanceof RangeError) fail(`${method}: ${error.message}`);
    throw error;
  }
  const threshold = options.threshold ?? defaultThreshold(method, result.p_value !== null);
  return {
    column: name,
    type: kind,
    method,
    statistic: result.statistic,
    p_value: result.p_value,
    threshold,
    drift_detected: isDrift(result, threshold),
    reason,
    reference_count: ref.count,
    current_count: cur.count,
    chart,
  };
}

async function histogramChart(
  conn: DuckDBConnection,
  name: string,
  ref: ColumnProfile,
  cur: ColumnProfile,
  bins: number,
): Promise<ColumnChart> {
  const lo = Math.min(ref.min ?? 0, cur.min ?? 0);
  const hi = Math.max(ref.max ?? 0, cur.max ?? 0);
  const k = Math.max(bins, CHART_BINS);
  const reference = await equalWidthCounts(conn, REFERENCE, name, lo, hi, k);
  const current = await equalWidthCounts(conn, CURRENT, name, lo, hi, k);
  const edges = Array.from({ length: reference.length + 1 }, (_, i) =>
    reference.length === 1 ? lo + i : lo + ((hi - lo) * i) / reference.length,
  );
  return { kind: "histogram", edges, reference, current };
}
