import { cvmAsymptoticCdf } from "../../special/cvm-asymptotic.js";
import { cvmTwoSampleExactSf } from "../../special/cvm-two-sample-exact.js";
import { sortedFiniteSample } from "./finite-sample.js";
import { PairwiseAccumulator } from "./pairwise-sum.js";
import type { SampleDriftResult } from "./sample-drift-result.js";

/** How the p-value is computed, as SciPy's `cramervonmises_2samp(method=...)`. */
export type CramerVonMisesMethod = "auto" | "exact" | "asymptotic";

export interface CramerVonMisesOptions {
  /** Default "auto": "exact" when both samples have at most 20 values, else "asymptotic". */
  method?: CramerVonMisesMethod;
}

/** Σ (midrank - i)^2 over each sample, i its 1-based position, midranks within the pooled sample. */
function rankDeviations(a: Float64Array, b: Float64Array): [number, number] {
  const da = new PairwiseAccumulator(a.length);
  const db = new PairwiseAccumulator(b.length);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length) {
      const x = a[i]!;
      const y = b[j]!;
      if (x !== y && (i + 1 === a.length || a[i + 1] !== x) && (j + 1 === b.length || b[j + 1] !== y)) {
        // The smaller of x and y is one value of pooled rank i + j + 1: its deviation is j if it is
        // x, i if it is y. Which one it is is a coin toss on continuous data: no branch on it.
        const fromA = +(x < y) as 0 | 1;
        da.addIf(j * j, fromA);
        db.addIf(i * i, (1 - fromA) as 0 | 1);
        i += fromA;
        j += 1 - fromA;
        continue;
      }
    }
    const v = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    let ie = i;
    let je = j;
    while (ie < a.length && a[ie] === v) ie++;
    while (je < b.length && b[je] === v) je++;
    const midrank = i + j + (ie - i + (je - j) + 1) / 2;
    for (let k = i; k < ie; k++) da.add((midrank - (k + 1)) ** 2);
    for (let k = j; k < je; k++) db.add((midrank - (k + 1)) ** 2);
    i = ie;
    j = je;
  }
  return [da.total(), db.total()];
}

/**
 * Two-sample Cramér–von Mises test, as SciPy 1.10.1's `cramervonmises_2samp(x, y, method)`.
 * The statistic is Anderson's (1962) T = U / (n m N) - (4 n m - 1) / (6 N), U from the midranks of the
 * pooled sample. The p-value is exact (Xiao et al. 2006) for "exact" or "auto" with both samples of at
 * most 20 values; otherwise T is standardised to 1/6 + (T - E T) / sqrt(45 Var T) and referred to the
 * limiting one-sample distribution (Csörgő & Faraway 1996), with p = 1 when that is below 0.003.
 * Non-finite values are dropped first (counted in `dropped`); as in SciPy, each sample needs at least two
 * values, otherwise a RangeError names the sample.
 *
 * @example
 * cramerVonMisesTest([1, 2, 3, 4], [5, 6, 7, 8]); // { statistic: 0.6875, p_value: 0.02857, dropped: [0, 0] } (exact)
 */
export function cramerVonMisesTest(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: CramerVonMisesOptions = {},
): SampleDriftResult {
  const x = sortedFiniteSample(reference, "reference", 2);
  const y = sortedFiniteSample(current, "current", 2);
  const nx = x.values.length;
  const ny = y.values.length;
  let method = options.method ?? "auto";
  if (method === "auto") method = Math.max(nx, ny) > 20 ? "asymptotic" : "exact";
  const [sx, sy] = rankDeviations(x.values, y.values);
  const u = nx * sx + ny * sy;
  const k = nx * ny;
  const N = nx + ny;
  const t = u / (k * N) - (4 * k - 1) / (6 * N);
  let p: number;
  if (method === "exact") {
    p = cvmTwoSampleExactSf(u, nx, ny);
  } else {
    const et = (1 + 1 / N) / 6;
    const vt = ((N + 1) * (4 * k * N - 3 * (nx ** 2 + ny ** 2) - 2 * k)) / (45 * N ** 2 * 4 * k);
    const tn = 1 / 6 + (t - et) / Math.sqrt(45 * vt);
    p = tn < 0.003 ? 1 : Math.max(0, 1 - cvmAsymptoticCdf(tn));
  }
  return { statistic: t, p_value: p, dropped: [x.dropped, y.dropped] };
}
