import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import { mannWhitneyExactCdf } from "../../special/mann-whitney-exact.js";
import { sortedFiniteSample } from "./finite-sample.js";
import { pooledRanks } from "./pooled-ranks.js";
import type { SampleDriftResult } from "./sample-drift-result.js";

/** How the Mann–Whitney p-value is computed, as SciPy's `mannwhitneyu(method=...)`. */
export type MannWhitneyMethod = "auto" | "asymptotic" | "exact";

export interface MannWhitneyOptions {
  /**
   * Default "auto": "exact" when one sample has at most 8 values and there are no ties, else
   * "asymptotic" (normal approximation, tie-corrected variance, continuity correction).
   */
  method?: MannWhitneyMethod;
}

/**
 * Two-sided Mann–Whitney U test, as SciPy 1.10.1's `mannwhitneyu(x, y, use_continuity=True,
 * alternative="two-sided", method)`. The statistic is U1, the U of `reference`
 * (R1 - n1 (n1 + 1) / 2 with midranks); the p-value uses max(U1, U2): for "asymptotic",
 * 2 * sf((U - n1 n2 / 2 - 0.5) / s) with s^2 = n1 n2 / 12 * ((n + 1) - sum(t^3 - t) / (n (n - 1)));
 * for "exact", twice the exact tail of U without tie correction. Clipped to [0, 1].
 * Non-finite values are dropped first (counted in `dropped`); an empty sample throws a RangeError.
 *
 * @example
 * mannWhitneyUTest([1, 2, 3, 4], [5, 6, 7, 8]); // { statistic: 0, p_value: 0.02857, dropped: [0, 0] } (exact)
 */
export function mannWhitneyUTest(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: MannWhitneyOptions = {},
): SampleDriftResult {
  const x = sortedFiniteSample(reference, "reference");
  const y = sortedFiniteSample(current, "current");
  const n1 = x.values.length;
  const n2 = y.values.length;
  const n = n1 + n2;
  const { rankSum1, tieTerm, distinct } = pooledRanks(x.values, y.values);
  let method = options.method ?? "auto";
  if (method === "auto") method = (n1 > 8 && n2 > 8) || distinct < n ? "asymptotic" : "exact";

  const u1 = rankSum1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const u = Math.max(u1, u2);
  let p: number;
  if (method === "exact") {
    p = 2 * mannWhitneyExactCdf(n1 * n2 - Math.trunc(u), n1, n2);
  } else {
    const mu = (n1 * n2) / 2;
    const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const z = (u - mu - 0.5) / s;
    p = 2 * normalCdf(-z, 0, 1);
  }
  p = Math.min(Math.max(p, 0), 1);
  return { statistic: u1, p_value: p, dropped: [x.dropped, y.dropped] };
}
