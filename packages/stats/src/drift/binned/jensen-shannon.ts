import type { DriftTestResult } from "../drift-test-result.js";
import { checkCountPair } from "./count-pair.js";
import { proportions } from "./proportions.js";

/**
 * Jensen–Shannon distance (the square root of the JS divergence) with base-2 logarithms, so it
 * lies in [0, 1], as `scipy.spatial.distance.jensenshannon(reference, current, base=2)`. Symmetric,
 * a metric, and finite with empty cells (no smoothing needed).
 *
 * @example
 * jensenShannon([25, 25, 25, 25], [10, 20, 30, 40]); // { statistic: 0.2005..., p_value: null }
 */
export function jensenShannon(reference: ArrayLike<number>, current: ArrayLike<number>): DriftTestResult {
  const { referenceTotal, currentTotal } = checkCountPair(reference, current);
  const p = proportions(reference, referenceTotal);
  const q = proportions(current, currentTotal);
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] as number;
    const qi = q[i] as number;
    const m = (pi + qi) / 2;
    if (pi > 0) divergence += pi * Math.log(pi / m);
    if (qi > 0) divergence += qi * Math.log(qi / m);
  }
  const distance = Math.sqrt(Math.max(0, divergence / (2 * Math.LN2)));
  return { statistic: Math.min(1, distance), p_value: null };
}
