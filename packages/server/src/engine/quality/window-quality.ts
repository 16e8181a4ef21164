import type { ColumnCounts, WindowViolationCount } from "../../store/window-store.js";
import type { ReferenceProfile } from "../drift/reference-profile.js";

/** Data quality of one column in one window. */
export interface ColumnQuality {
  column: string;
  missing: number;
  missing_rate: number;
  /** Share of reference rows where the column was missing, for comparison. */
  reference_missing_rate: number;
  /** Values outside the reference categories (categorical columns with a complete category list), else null. */
  unseen: number | null;
  unseen_share: number | null;
  /** Values outside the reference [min, max] (numeric columns, from the contract violations), else null. */
  out_of_range: number | null;
  out_of_range_share: number | null;
}

/** Data quality of one window: missing values, contract violations by kind, unseen and out-of-range values. */
export interface WindowQuality {
  rows: number;
  rows_with_violations: number;
  violations: { field: string; kind: string; count: number }[];
  violations_by_kind: Record<string, number>;
  columns: ColumnQuality[];
}

/**
 * Computes a window's data quality from store aggregates: per feature the missing count (absent, null
 * or non-finite) from its histogram, unseen categories from the "other/unseen" bucket (only when the
 * reference's categories were all kept), out-of-range counts from the contract violations recorded at
 * ingestion, and the violations by field and kind.
 *
 * @example
 * windowQuality(1000, 12, violations, columns, profile, missingRates).columns[0]; // { column: "age", missing: 3, ... }
 */
export function windowQuality(
  rows: number,
  rowsWithViolations: number,
  violations: readonly WindowViolationCount[],
  columns: ReadonlyMap<string, ColumnCounts>,
  profile: ReferenceProfile,
  referenceMissingRates: ReadonlyMap<string, number>,
): WindowQuality {
  const byKind: Record<string, number> = {};
  const byField = new Map<string, number>();
  for (const v of violations) {
    byKind[v.kind] = (byKind[v.kind] ?? 0) + v.count;
    if (v.kind === "out_of_range") byField.set(v.field, (byField.get(v.field) ?? 0) + v.count);
  }
  const share = (count: number) => (rows > 0 ? count / rows : 0);
  const quality: ColumnQuality[] = [];
  for (const column of profile.columns) {
    if (column.source !== "feature") continue;
    const counts = columns.get(column.name);
    const present = counts?.present ?? 0;
    const missing = Math.max(0, rows - present);
    const categoriesComplete =
      column.bins.binning === "categories" && column.distinct <= column.bins.categories.length;
    const unseen = categoriesComplete && counts ? (counts.counts[counts.counts.length - 1] ?? 0) : null;
    const outOfRange = column.type === "numeric" ? (byField.get(`features.${column.name}`) ?? 0) : null;
    quality.push({
      column: column.name,
      missing,
      missing_rate: share(missing),
      reference_missing_rate: referenceMissingRates.get(column.name) ?? 0,
      unseen,
      unseen_share: unseen === null ? null : share(unseen),
      out_of_range: outOfRange,
      out_of_range_share: outOfRange === null ? null : share(outOfRange),
    });
  }
  return {
    rows,
    rows_with_violations: rowsWithViolations,
    violations: violations.map((v) => ({ field: v.field, kind: v.kind, count: v.count })),
    violations_by_kind: byKind,
    columns: quality,
  };
}
