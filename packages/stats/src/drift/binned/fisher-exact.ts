import gammaln from "@stdlib/math-base-special-gammaln";
import type { DriftTestResult } from "../drift-test-result.js";
import { checkCountPair } from "./count-pair.js";

// Tables whose probability is within this relative margin of the observed one count as "as
// extreme". SciPy uses 1e-14, below the rounding of sums of log-factorials for large tables, which
// could drop a mirror table of exactly equal probability; 1e-7 is R's fisher.test margin.
const RELATIVE_MARGIN = 1e-7;

/**
 * Fisher's exact test, two-sided, on the 2x2 table whose rows are the reference and current count
 * vectors `[category 0, category 1]`, as `scipy.stats.fisher_exact([reference, current])`: the
 * p-value sums the hypergeometric probabilities of all tables with the same margins that are no
 * more probable than the observed one. The statistic is the sample odds ratio
 * (r0 * c1) / (r1 * c0), +Infinity when r1 or c0 is zero; when a category is absent from both
 * windows the odds ratio is NaN and p = 1 (as SciPy). Counts must be integers.
 *
 * @example
 * fisherExact([8, 2], [1, 5]); // { statistic: 20, p_value: 0.03496... }
 */
export function fisherExact(reference: ArrayLike<number>, current: ArrayLike<number>): DriftTestResult {
  if (reference.length !== 2 || current.length !== 2) {
    throw new RangeError("fisherExact needs two count vectors of length 2");
  }
  const totals = checkCountPair(reference, current);
  const r0 = reference[0] as number;
  const r1 = reference[1] as number;
  const c0 = current[0] as number;
  const c1 = current[1] as number;
  for (const v of [r0, r1, c0, c1]) {
    if (!Number.isInteger(v)) throw new RangeError(`fisherExact needs integer counts, got ${v}`);
  }
  if (r0 + c0 === 0 || r1 + c1 === 0) return { statistic: Number.NaN, p_value: 1 };
  const oddsRatio = r1 > 0 && c0 > 0 ? (r0 * c1) / (r1 * c0) : Number.POSITIVE_INFINITY;

  // x = top-left cell ~ Hypergeometric(total N, K = reference size, n = category-0 column).
  const rowK = totals.referenceTotal;
  const colN = r0 + c0;
  const total = rowK + totals.currentTotal;
  const lo = Math.max(0, colN - (total - rowK));
  const hi = Math.min(colN, rowK);
  const logPmf = (x: number): number =>
    -(gammaln(x + 1) + gammaln(rowK - x + 1) + gammaln(colN - x + 1) + gammaln(total - rowK - colN + x + 1));
  const mode = Math.floor(((colN + 1) * (rowK + 1)) / (total + 2));
  const logObserved = logPmf(r0);
  const logLimit = logObserved + Math.log1p(RELATIVE_MARGIN);
  if (logPmf(mode) <= logLimit) return { statistic: oddsRatio, p_value: 1 };

  // The pmf rises up to the mode and falls after it: each tail of "as extreme" tables is an interval.
  let lowEnd: number;
  let highStart: number;
  if (r0 < mode) {
    lowEnd = r0;
    highStart = firstAtOrBelow(logPmf, logLimit, mode, hi);
  } else {
    highStart = r0;
    lowEnd = lastAtOrBelow(logPmf, logLimit, lo, mode);
  }
  // log pmf(x) = logPmf(x) + logScale: the x-free part of C(K, x) C(N - K, n - x) / C(N, n).
  const logScale =
    gammaln(rowK + 1) +
    gammaln(total - rowK + 1) +
    gammaln(colN + 1) +
    gammaln(total - colN + 1) -
    gammaln(total + 1);
  let sum = 0;
  sum += tailSum(logPmf, lowEnd, lo - 1, -1, logObserved);
  sum += tailSum(logPmf, highStart, hi + 1, 1, logObserved);
  const p = Math.exp(logObserved + logScale) * sum;
  return { statistic: oddsRatio, p_value: Math.min(p, 1) };
}

// Sum of exp(logPmf(x) - shift) from `start` stepping by `step` until `stop` (exclusive), ending
// early once the (monotonely shrinking) terms no longer change the sum.
function tailSum(
  logPmf: (x: number) => number,
  start: number,
  stop: number,
  step: number,
  shift: number,
): number {
  let sum = 0;
  for (let x = start; x !== stop; x += step) {
    const term = Math.exp(logPmf(x) - shift);
    sum += term;
    if (term <= sum * 1e-17) break;
  }
  return sum;
}

// Smallest x in [from, to] (pmf decreasing there) with logPmf(x) <= limit; to + 1 when none.
function firstAtOrBelow(logPmf: (x: number) => number, limit: number, from: number, to: number): number {
  let a = from;
  let b = to + 1;
  while (a < b) {
    const mid = Math.floor((a + b) / 2);
    if (logPmf(mid) <= limit) b = mid;
    else a = mid + 1;
  }
  return a;
}

// Largest x in [from, to] (pmf increasing there) with logPmf(x) <= limit; from - 1 when none.
function lastAtOrBelow(logPmf: (x: number) => number, limit: number, from: number, to: number): number {
  let a = from - 1;
  let b = to;
  while (a < b) {
    const mid = Math.ceil((a + b) / 2);
    if (logPmf(mid) <= limit) a = mid;
    else b = mid - 1;
  }
  return a;
}
