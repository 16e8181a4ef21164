import { Matrix, QrDecomposition } from "ml-matrix";
import { mergeSorted } from "../../internal/merge-sorted.js";
import { finiteSample, sortedFiniteSample } from "./finite-sample.js";
import { PairwiseAccumulator, pairwiseSum } from "./pairwise-sum.js";
import type { SampleDriftResult } from "./sample-drift-result.js";

// Interpolation table of Scholz & Stephens (1987), Table 2, as SciPy's anderson_ksamp.
const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
const SIG = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

/**
 * A2akN (Scholz & Stephens eq. 7, midranks) of sorted samples; `pooled` is their sorted union. One
 * walk over the distinct pooled values z*_j (multiplicity lj, Bj = #below + lj / 2) with a pointer
 * into each sample; each sample's terms are summed in NumPy's pairwise order as they come.
 */
function midrankStatistic(samples: Float64Array[], pooled: Float64Array): number {
  const N = pooled.length;
  const k = samples.length;
  const pos = new Float64Array(k);
  const sums = samples.map(() => new PairwiseAccumulator(N));
  for (let s = 0; s < N; ) {
    const value = pooled[s]!;
    let e = s + 1;
    while (e < N && pooled[e] === value) e++;
    // SciPy sets lj to 1 when there are no ties, which is what the counts are then anyway.
    const l = e - s;
    const b = s + l / 2;
    const lN = l / N;
    const denominator = b * (N - b) - (N * l) / 4;
    for (let i = 0; i < k; i++) {
      const sample = samples[i]!;
      const ni = sample.length;
      // Every value of the sample is a pooled value, so the ones past `at` that are not above z*_j
      // equal it: their number is fij, and at + fij is SciPy's searchsorted(z*_j, 'right'). The
      // first step is taken without a branch (whether this sample holds the value is a coin toss on
      // continuous data); further steps only happen on ties.
      const start = pos[i]!;
      let at = start;
      if (at < ni) {
        at += +(sample[at]! === value);
        while (at < ni && sample[at]! === value) at++;
      }
      pos[i] = at;
      const mij = at - (at - start) / 2;
      sums[i]!.add((lN * (N * mij - b * ni) ** 2) / denominator);
    }
    s = e;
  }
  let a2 = 0;
  for (let i = 0; i < k; i++) a2 += sums[i]!.total() / samples[i]!.length;
  return (a2 * (N - 1)) / N;
}

/** Least-squares quadratic through (x, y) evaluated at t, as np.polyval(np.polyfit(x, y, 2), t). */
function quadraticFitAt(x: number[], y: number[], t: number): number {
  // Columns scaled to unit norm as np.polyfit does, then solved by QR.
  const rows = x.map((v) => [v * v, v, 1]);
  const scale = [0, 1, 2].map((c) => Math.sqrt(rows.reduce((s, r) => s + r[c]! ** 2, 0)));
  const a = new Matrix(rows.map((r) => r.map((v, c) => v / scale[c]!)));
  const coef = new QrDecomposition(a).solve(Matrix.columnVector(y)).to1DArray();
  return coef.reduce((acc, c, i) => acc * t + c / scale[i]!, 0);
}

/**
 * k-sample Anderson–Darling test, as SciPy 1.10.1's `anderson_ksamp(samples, midrank=True)`: the
 * standardised statistic (A2akN - (k - 1)) / sigma of Scholz & Stephens (1987), and SciPy's p-value,
 * interpolated (quadratic in log p) from the Scholz–Stephens critical values.
 * **The p-value is capped to [0.001, 0.25]**: 0.25 when the statistic is below the 25% critical value,
 * 0.001 above the 0.1% one (SciPy warns "p-value capped/floored" there; the true value is larger / smaller).
 * Non-finite values are dropped first (counted in `dropped`, per sample). Throws a RangeError for an
 * empty sample (naming it), fewer than two samples, fewer than two distinct values in total or fewer
 * than 3 values in total (where SciPy fails too).
 *
 * @example
 * andersonDarlingKSample([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]); // { statistic: 4.726, p_value: 0.004356, dropped: [0, 0] }
 */
export function andersonDarlingKSample(samples: ArrayLike<number>[]): SampleDriftResult {
  const k = samples.length;
  if (k < 2) throw new RangeError("Anderson–Darling needs at least two samples");
  const finite = samples.map((s, i) => sortedFiniteSample(s, `sample ${i}`));
  const sorted = finite.map((f) => f.values);
  const pooled = sorted.reduce((union, v) => mergeSorted(union, v), new Float64Array(0));
  const N = pooled.length;
  if (pooled[0] === pooled[N - 1])
    throw new RangeError("Anderson–Darling needs more than one distinct value");
  if (N < 3) throw new RangeError("Anderson–Darling needs at least 3 values in total");
  const a2kN = midrankStatistic(sorted, pooled);

  const H = pairwiseSum(sorted.map((v) => 1 / v.length));
  // As SciPy: hs = cumsum(1 / arange(N - 1, 1, -1)), h = hs[-1] + 1, g = sum(hs / arange(2, N)).
  const gTerms = new Float64Array(N - 2);
  let cum = 0;
  for (let i = 0; i < N - 2; i++) {
    cum += 1 / (N - 1 - i);
    gTerms[i] = cum / (i + 2);
  }
  const h = cum + 1;
  const g = pairwiseSum(gTerms);
  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const b = (2 * g - 4) * k ** 2 + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k ** 2 + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const d = (2 * h + 6) * k ** 2 - 4 * h * k;
  const sigmasq = (a * N ** 3 + b * N ** 2 + c * N + d) / ((N - 1) * (N - 2) * (N - 3));
  if (sigmasq < 0) throw new RangeError("Anderson–Darling variance is negative for so few values");
  const m = k - 1;
  const statistic = (a2kN - m) / Math.sqrt(sigmasq);

  const critical = B0.map((b0, i) => b0 + B1[i]! / Math.sqrt(m) + B2[i]! / m);
  let p: number;
  if (statistic < Math.min(...critical)) p = Math.max(...SIG);
  else if (statistic > Math.max(...critical)) p = Math.min(...SIG);
  else
    p = Math.exp(
      quadraticFitAt(
        critical,
        SIG.map((s) => Math.log(s)),
        statistic,
      ),
    );
  return { statistic, p_value: p, dropped: finite.map((f) => f.dropped) };
}

/**
 * Two-sample Anderson–Darling test: {@link andersonDarlingKSample} of `[reference, current]`, with
 * empty-sample errors naming "reference" or "current". The p-value is capped to [0.001, 0.25] as SciPy.
 *
 * @example
 * andersonDarlingTest([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).p_value; // 0.004356
 */
export function andersonDarlingTest(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
): SampleDriftResult {
  // Only to name an empty sample in the error (no copy is kept).
  finiteSample(reference, "reference", 1, false);
  finiteSample(current, "current", 1, false);
  return andersonDarlingKSample([reference, current]);
}
