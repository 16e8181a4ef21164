import type { DriftTestResult } from "../drift-test-result.js";
import { checkCountPair } from "./count-pair.js";

/**
 * Hellinger distance between the proportions of two count vectors,
 * H = sqrt(sum((sqrt p_i - sqrt q_i)^2) / 2), in [0, 1] (0 identical, 1 disjoint supports).
 * Symmetric, a metric, finite with empty cells. Written as a sum of squares rather than
 * sqrt(1 - sum(sqrt(p_i q_i))) to avoid cancellation near 0.
 *
 * @example
 * hellinger([25, 25, 25, 25], [10, 20, 30, 40]); // { statistic: 0.1678..., p_value: null }
 */
export function hellinger(reference: ArrayLike<number>, current: ArrayLike<number>): DriftTestResult {
  const { referenceTotal, currentTotal } = checkCountPair(reference, current);
  let sum = 0;
  for (let i = 0; i < reference.length; i++) {
    const d =
      Math.sqrt((reference[i] as number) / referenceTotal) - Math.sqrt((current[i] as number) / currentTotal);
    sum += d * d;
  }
  return { statistic: Math.min(1, Math.sqrt(sum / 2)), p_value: null };
}
