import {
  type ColumnContract,
  type ColumnType,
  type Contract,
  isReservedColumn,
  maxCategories,
} from "./contract.js";

/** Per-column summary of a reference table, computed by the store where the data lives. */
export interface ColumnSummary {
  name: string;
  type: ColumnType;
  rows: number;
  missing: number;
  min: number | null;
  max: number | null;
  distinct: number;
  /** Up to `maxCategories + 1` distinct values as strings (categorical and boolean columns). */
  categories: string[];
  quantiles: number[] | null;
}

function toColumn(summary: ColumnSummary): ColumnContract {
  return {
    name: summary.name,
    type: summary.type,
    min: summary.type === "numeric" ? summary.min : null,
    max: summary.type === "numeric" ? summary.max : null,
    categories:
      summary.type === "categorical" && summary.distinct <= maxCategories
        ? [...summary.categories].sort()
        : null,
    missingRate: summary.rows === 0 ? 0 : summary.missing / summary.rows,
    quantiles: summary.type === "numeric" ? summary.quantiles : null,
  };
}

/** Reference columns with these names are outputs, not features. */
export const predictionColumn = "prediction";
export const labelColumn = "label";

/**
 * Learns a version's contract from the summaries of its reference columns: every column is a feature
 * except the reserved ones (`prediction`, `label`, `score`, `id`, `timestamp`; contract.ts).
 *
 * @example
 * const contract = learnContract("m", "v1", summaries, Date.now());
 */
export function learnContract(
  model: string,
  version: string,
  summaries: readonly ColumnSummary[],
  createdMs: number,
): Contract {
  const features = summaries.filter((s) => !isReservedColumn(s.name)).map(toColumn);
  const prediction = summaries.find((s) => s.name === predictionColumn);
  const label = summaries.find((s) => s.name === labelColumn);
  return {
    model,
    version,
    rows: summaries[0]?.rows ?? 0,
    features,
    prediction: prediction ? toColumn(prediction) : null,
    label: label ? toColumn(label) : null,
    createdMs,
  };
}
