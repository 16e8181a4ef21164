import type { ColumnDriftResult } from "sightline/api-types";

/**
 * What an opened drift cell shows of a column's test: the server's per-column result, with `method` widened
 * to a string so the multivariate (PCA) row fits too.
 */
export type DriftCellResult = Pick<
  ColumnDriftResult,
  | "column"
  | "statistic"
  | "p_value"
  | "threshold"
  | "drift_detected"
  | "reason"
  | "reference_rows"
  | "rows"
  | "threshold_source"
> & { method: string };

/** The numbers a matrix cell is coloured and labelled by. */
export type DriftCellNumbers = Pick<
  ColumnDriftResult,
  "statistic" | "p_value" | "threshold" | "drift_detected"
>;
