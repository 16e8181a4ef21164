import { type PowerDivergenceResult, powerDivergence } from "./power-divergence.js";

/**
 * Pearson chi-square goodness of fit of the current counts against the reference proportions,
 * as `scipy.stats.chisquare(current, f_exp=reference / sum(reference) * sum(current))`.
 * Categories with zero expected count: see `powerDivergence` (dropped when the current count is
 * zero too, else statistic +Infinity and p = 0).
 *
 * @example
 * chiSquare([50, 50], [30, 70]); // { statistic: 16, p_value: 6.33e-5, df: 1 }
 */
export function chiSquare(reference: ArrayLike<number>, current: ArrayLike<number>): PowerDivergenceResult {
  return powerDivergence(reference, current, 1);
}
