import { LOW_CARDINALITY_LIMIT } from "@sightline/stats";
import { type Contract, isReservedColumn } from "../../contract/contract.js";
import type {
  BinnedColumn,
  ColumnCounts,
  ColumnSource,
  ReferenceColumnShape,
} from "../../store/window-store.js";

/** How a column is compared: numbers, categories, or true/false (as in the `sightline drift` report). */
export type DriftColumnType = "numeric" | "categorical" | "boolean";

/** A column of a version's contract to check for drift. */
export interface DriftColumn {
  name: string;
  source: ColumnSource;
  type: DriftColumnType;
}

/** A reference column, binned, with its reference histogram over those bins. */
export interface ReferenceColumn extends DriftColumn {
  bins: BinnedColumn;
  counts: ColumnCounts;
  /** Distinct non-missing reference values (drives the method choice). */
  distinct: number;
  /** Population standard deviation (numeric), to normalise the Wasserstein distance. */
  std: number | null;
}

/** Everything drift needs to know about a version's reference, computed once and cached. */
export interface ReferenceProfile {
  model: string;
  version: string;
  rows: number;
  columns: ReferenceColumn[];
}

/**
 * Reference-quantile bins for numeric columns: 1,000 bins put at most 0.1% of the reference in a bin,
 * so the binned KS statistic is within ~0.001 of the exact one on reference-like data (binnedKs's
 * errorBound), far inside the 0.005 the engine promises.
 */
export const NUMERIC_BINS = 1000;
/** Categories kept per column (the most frequent); the rest fall in the "other/unseen" bucket. */
export const MAX_CATEGORIES = 1000;

/**
 * The columns a version's drift is computed on: every feature of its contract (never a reserved column such
 * as `score`), then the prediction and the label when the reference had them.
 *
 * @example
 * driftColumns(contract); // [{ name: "distance", source: "feature", type: "numeric" }, { name: "prediction", ... }]
 */
export function driftColumns(contract: Contract): DriftColumn[] {
  // Contracts learned before the reserved columns existed may list `score` or `timestamp` as features.
  const features = contract.features.filter((f) => !isReservedColumn(f.name));
  const columns: DriftColumn[] = features.map((f) => ({
    name: f.name,
    source: "feature",
    type: f.type,
  }));
  if (contract.prediction)
    columns.push({ name: "prediction", source: "prediction", type: contract.prediction.type });
  if (contract.label) columns.push({ name: "label", source: "label", type: contract.label.type });
  return columns;
}

/**
 * Bins of a column from its reference shape: numeric columns with more than LOW_CARDINALITY_LIMIT
 * distinct values over the reference quantile cuts, everything else over the reference categories
 * (numbers by their DOUBLE text) plus an "other/unseen" bucket.
 *
 * @example
 * binsFor({ name: "x", source: "feature", type: "numeric" }, shape); // { binning: "cuts", cuts: [...] }
 */
export function binsFor(column: DriftColumn, shape: ReferenceColumnShape): BinnedColumn {
  if (column.type === "numeric" && shape.distinct > LOW_CARDINALITY_LIMIT) {
    return { name: column.name, source: column.source, binning: "cuts", cuts: shape.cuts };
  }
  return {
    name: column.name,
    source: column.source,
    binning: "categories",
    numeric: column.type === "numeric",
    categories: shape.categories,
  };
}
