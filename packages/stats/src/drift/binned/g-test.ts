import { type PowerDivergenceResult, powerDivergence } from "./power-divergence.js";

/**
 * G-test (log-likelihood ratio) of the current counts against the reference proportions,
 * G = 2 * sum(O * ln(O / E)), as `scipy.stats.power_divergence(current, f_exp,
 * lambda_="log-likelihood")` with f_exp = reference / sum(reference) * sum(current).
 * Categories with zero expected count: see `powerDivergence`.
 *
 * @example
 * gTest([50, 50], [30, 70]); // { statistic: 16.4565..., p_value: 4.98e-5, df: 1 }
 */
export function gTest(reference: ArrayLike<number>, current: ArrayLike<number>): PowerDivergenceResult {
  return powerDivergence(reference, current, 0);
}
