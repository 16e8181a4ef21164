/**
 * The result of a two-sample drift method. Distances (PSI, Wasserstein, ...) have no p-value.
 * snake_case `p_value` because this is the wire format of the drift report and the query API.
 *
 * @example
 * const r: DriftTestResult = { statistic: 0.12, p_value: 0.003 };
 */
export interface DriftTestResult {
  statistic: number;
  p_value: number | null;
}
