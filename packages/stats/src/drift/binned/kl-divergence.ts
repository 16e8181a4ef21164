import type { DriftTestResult } from "../drift-test-result.js";
import { smoothedPair } from "./proportions.js";
import type { SmoothingOptions } from "./psi.js";

/**
 * Kullback–Leibler divergence KL(reference || current) in nats, on proportions whose empty cells
 * are floored at epsilon (default 1e-4), then renormalised: as
 * `scipy.stats.entropy(smoothed_reference, smoothed_current)` (the direction Evidently's `kl_div`
 * uses). Not symmetric; >= 0 (Gibbs' inequality, after the renormalisation).
 *
 * @example
 * klDivergence([25, 25, 25, 25], [10, 20, 30, 40]); // { statistic: 0.1217..., p_value: null }
 */
export function klDivergence(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: SmoothingOptions = {},
): DriftTestResult {
  const { reference: p, current: q } = smoothedPair(reference, current, options.epsilon);
  let sumP = 0;
  let sumQ = 0;
  for (let i = 0; i < p.length; i++) {
    sumP += p[i] as number;
    sumQ += q[i] as number;
  }
  let statistic = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = (p[i] as number) / sumP;
    const qi = (q[i] as number) / sumQ;
    statistic += pi * Math.log(pi / qi);
  }
  return { statistic: Math.max(0, statistic), p_value: null };
}
