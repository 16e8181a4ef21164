/** The kind of value a column holds, learned from the reference. */
export type ColumnType = "numeric" | "categorical" | "boolean";

/** What valid values of one column look like, learned from the reference data. */
export interface ColumnContract {
  name: string;
  type: ColumnType;
  /** Smallest and largest finite value in the reference (numeric columns). */
  min: number | null;
  max: number | null;
  /** Every category seen, or null when there were more than `maxCategories` (no unseen-category check). */
  categories: string[] | null;
  /** Share of reference rows where the column was null or absent. */
  missingRate: number;
  /** Deciles of the reference (numeric columns), used for metric buckets and binning. */
  quantiles: number[] | null;
}

/**
 * A version's contract: per feature its type, range, categories and missing rate, and the same for the
 * prediction and label columns when the reference had them.
 *
 * @example
 * const c: Contract = { model: "m", version: "v1", rows: 100, features: [], prediction: null, label: null, createdMs: 0 };
 */
export interface Contract {
  model: string;
  version: string;
  rows: number;
  features: ColumnContract[];
  prediction: ColumnContract | null;
  label: ColumnContract | null;
  createdMs: number;
}

/** Each way a prediction can break its contract. */
export const violationKinds = [
  "wrong_type",
  "missing_feature",
  "non_finite",
  "out_of_range",
  "unseen_category",
  "unknown_feature",
  "score_out_of_range",
  "scores_not_normalised",
] as const;
export type ViolationKind = (typeof violationKinds)[number];

/** One contract violation, stored with the prediction that has it. */
export interface Violation {
  field: string;
  kind: ViolationKind;
}

/** Above this many distinct values a categorical column is treated as free text: no unseen-category check. */
export const maxCategories = 1000;

/**
 * Reference columns that are never features: the output and ground truth (`prediction`, `label`), the
 * model's score (read by CBPE), the row's `id` and its event time (`timestamp`, used to cut the
 * reference into windows). They stay in the stored reference rows but are not in the contract's features,
 * so predictions are not expected to carry them.
 */
export const reservedColumns: ReadonlySet<string> = new Set([
  "prediction",
  "label",
  "score",
  "id",
  "timestamp",
]);

/**
 * Whether a reference column name is reserved (see {@link reservedColumns}).
 *
 * @example
 * isReservedColumn("score"); // true
 */
export function isReservedColumn(name: string): boolean {
  return reservedColumns.has(name);
}
