import type { DriftTestResult } from "../drift-test-result.js";

/**
 * A {@link DriftTestResult} from raw samples, with the number of non-finite values (NaN, ±Infinity)
 * dropped from each sample before testing, in argument order (`[reference, current]`).
 *
 * @example
 * const r: SampleDriftResult = { statistic: 0.12, p_value: 0.003, dropped: [0, 2] };
 */
export interface SampleDriftResult extends DriftTestResult {
  dropped: number[];
}
