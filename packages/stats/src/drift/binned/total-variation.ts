import type { DriftTestResult } from "../drift-test-result.js";
import { checkCountPair } from "./count-pair.js";

/**
 * Total variation distance between the proportions of two count vectors,
 * TV = sum(|p_i - q_i|) / 2, in [0, 1]: the largest difference in probability the two windows
 * give to any set of categories. Symmetric, a metric, finite with empty cells.
 *
 * @example
 * totalVariation([25, 25, 25, 25], [10, 20, 30, 40]); // { statistic: 0.2, p_value: null }
 */
export function totalVariation(reference: ArrayLike<number>, current: ArrayLike<number>): DriftTestResult {
  const { referenceTotal, currentTotal } = checkCountPair(reference, current);
  let sum = 0;
  for (let i = 0; i < reference.length; i++) {
    sum += Math.abs((reference[i] as number) / referenceTotal - (current[i] as number) / currentTotal);
  }
  return { statistic: Math.min(1, sum / 2), p_value: null };
}
