// NumPy's pairwise summation (numpy/core/src/umath/loops_utils.h.src, `pairwise_sum`): blocks of up to
// 128 values summed with 8 accumulators, larger ranges split in two at a multiple of 8. Reproducing it
// makes means and variances agree with NumPy/SciPy to the last bit, which matters for constant samples
// (whether a variance comes out exactly 0 decides between SciPy's NaN and a finite statistic).
// NumPy's reduction hands the inner loop at most one buffer (8192 values) at a time and adds the
// per-buffer pairwise sums in sequence; that is reproduced too.

const BLOCK = 128;
const BUFFER = 8192;

function pairwise(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= BLOCK) {
    const r = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let j = 0; j < 8; j++) r[j] = a[start + j]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] = r[j]! + a[start + i + j]!;
    }
    let res = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

/**
 * Sum of `values` in NumPy's pairwise order (bit-identical to `np.sum` on a contiguous float64 array).
 *
 * @example
 * pairwiseSum([0.1, 0.2, 0.3]); // 0.6000000000000001, as np.sum
 */
export function pairwiseSum(values: ArrayLike<number>): number {
  let sum = 0;
  for (let start = 0; start < values.length; start += BUFFER) {
    sum += pairwise(values, start, Math.min(BUFFER, values.length - start));
  }
  return sum;
}

/**
 * Mean as `np.mean`: pairwise sum divided by the count.
 *
 * @example
 * pairwiseMean([1, 2, 4]); // 2.3333333333333335
 */
export function pairwiseMean(values: ArrayLike<number>): number {
  return pairwiseSum(values) / values.length;
}

/**
 * Variance as SciPy's `_var(x, ddof)`: mean of squared deviations from the pairwise mean, times
 * n / (n - ddof) (NaN when n <= ddof, as NumPy's 0 * inf).
 *
 * @example
 * pairwiseVariance([1, 2, 4], 1); // 2.333333333333333
 */
export function pairwiseVariance(values: ArrayLike<number>, ddof: number): number {
  const n = values.length;
  const mean = pairwiseMean(values);
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    sq[i] = d * d;
  }
  const moment = pairwiseMean(sq);
  return ddof === 0 ? moment : moment * (n / (n - ddof));
}
