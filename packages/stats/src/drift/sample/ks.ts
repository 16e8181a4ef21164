import { ksProbOutsideRectangle, ksProbOutsideSquare } from "../../special/ks-two-sample-exact.js";
import { kstwoSf } from "../../special/kstwo.js";
import { sortedFiniteSample } from "./finite-sample.js";
import type { SampleDriftResult } from "./sample-drift-result.js";

/** How the KS p-value is computed, as SciPy's `ks_2samp(method=...)`. */
export type KsMethod = "auto" | "exact" | "asymp";

export interface KsOptions {
  /** Default "auto": exact when both samples have at most 10,000 values, asymptotic otherwise. */
  method?: KsMethod;
}

const MAX_AUTO_N = 10000;
const INT32_MAX = 2147483647;

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Rounds halves to even, as NumPy's `np.round`. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Largest positive and negative gaps between the ECDFs of two sorted samples (cdf1 - cdf2). */
function ecdfGaps(a: Float64Array, b: Float64Array): { maxS: number; minS: number } {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let max = Number.NEGATIVE_INFINITY;
  let min = Number.POSITIVE_INFINITY;
  while (i < n1 || j < n2) {
    if (i < n1 && j < n2) {
      const x = a[i]!;
      const y = b[j]!;
      if (x !== y) {
        // One step in the sample holding the smaller value; which one that is is a coin toss on
        // continuous data, so it is taken without a branch on it. Ties within a sample are then
        // taken one at a time: the gaps in between lie between the gaps before and after the tied
        // run (they move one way along it), so they change neither extreme.
        const fromA = +(x < y);
        i += fromA;
        j += 1 - fromA;
        const diff = i / n1 - j / n2;
        if (diff > max) max = diff;
        if (diff < min) min = diff;
        continue;
      }
    }
    const v = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    while (i < n1 && a[i]! <= v) i++;
    while (j < n2 && b[j]! <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > max) max = diff;
    if (diff < min) min = diff;
  }
  return { maxS: max, minS: Math.min(Math.max(-min, 0), 1) };
}

/**
 * Two-sample two-sided Kolmogorov–Smirnov test, as SciPy 1.10.1's `ks_2samp(x, y, method)`.
 * The statistic is sup |F_reference - F_current| over the pooled values (ties handled as SciPy does,
 * by right-continuous ECDFs). The p-value is exact (lattice-path counting) when `method` is "exact", or
 * "auto" with both samples of at most 10,000 values; otherwise the two-sided one-sample Kolmogorov
 * distribution `kstwo.sf(D, round(m n / (m + n)))`. As in SciPy, an exact computation that fails or is
 * too large (lcm(m, n) beyond int32) falls back to the asymptotic one, and in exact mode the statistic
 * is rounded to a multiple of 1/lcm(m, n).
 * Non-finite values are dropped first (counted in `dropped`); an empty sample throws a RangeError.
 * Sort-based, O(n log n).
 *
 * @example
 * kolmogorovSmirnovTest([0.1, 0.4, 0.7], [0.5, 0.9, 1.3, 1.6]); // { statistic: 0.75, p_value: 0.22857, dropped: [0, 0] }
 */
export function kolmogorovSmirnovTest(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: KsOptions = {},
): SampleDriftResult {
  const x = sortedFiniteSample(reference, "reference");
  const y = sortedFiniteSample(current, "current");
  const n1 = x.values.length;
  const n2 = y.values.length;
  const { maxS, minS } = ecdfGaps(x.values, y.values);
  let d = Math.max(minS, maxS);

  const g = gcd(n1, n2);
  const n1g = n1 / g;
  const n2g = n2 / g;
  let mode = options.method ?? "auto";
  if (mode === "auto") mode = Math.max(n1, n2) <= MAX_AUTO_N ? "exact" : "asymp";
  else if (mode === "exact" && n1g >= INT32_MAX / n2g) mode = "asymp";

  let prob = Number.NaN;
  if (mode === "exact") {
    const lcm = n1g * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) prob = 1;
    else prob = n1 === n2 ? ksProbOutsideSquare(n1, h) : ksProbOutsideRectangle(n1, n2, g, h);
    if (!(prob >= 0 && prob <= 1)) mode = "asymp";
  }
  if (mode === "asymp") {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    prob = kstwoSf(roundHalfEven(en), d);
  }
  prob = Math.min(Math.max(prob, 0), 1);
  return { statistic: d, p_value: prob, dropped: [x.dropped, y.dropped] };
}
