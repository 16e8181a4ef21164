// NumPy's pairwise summation (numpy/core/src/umath/loops_utils.h.src, `pairwise_sum`): blocks of up to
// 128 values summed with 8 accumulators, larger ranges split in two at a multiple of 8. Reproducing it
// makes means and variances agree with NumPy/SciPy to the last bit, which matters for constant samples
// (whether a variance comes out exactly 0 decides between SciPy's NaN and a finite statistic).
// NumPy's reduction hands the inner loop at most one buffer (8192 values) at a time and adds the
// per-buffer pairwise sums in sequence; that is reproduced too.

const BLOCK = 128;
const BUFFER = 8192;

// Sum of a[start .. start + n) in NumPy's order. The eight accumulators are locals rather than an
// array so that V8 keeps them in registers.
function pairwise(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = start; i < start + n; i++) res += a[i]!;
    return res;
  }
  if (n <= BLOCK) {
    let r0 = a[start]!;
    let r1 = a[start + 1]!;
    let r2 = a[start + 2]!;
    let r3 = a[start + 3]!;
    let r4 = a[start + 4]!;
    let r5 = a[start + 5]!;
    let r6 = a[start + 6]!;
    let r7 = a[start + 7]!;
    let i = start + 8;
    const blockEnd = start + n - (n % 8);
    for (; i < blockEnd; i += 8) {
      r0 += a[i]!;
      r1 += a[i + 1]!;
      r2 += a[i + 2]!;
      r3 += a[i + 3]!;
      r4 += a[i + 4]!;
      r5 += a[i + 5]!;
      r6 += a[i + 6]!;
      r7 += a[i + 7]!;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < start + n; i++) res += a[i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

// Sum of (a[i] - mean)^2 over a[start .. start + n) in NumPy's pairwise order: `pairwise` over the
// squared deviations, each formed where it is added, so that no array of squares is written and read.
function pairwiseSquares(a: ArrayLike<number>, start: number, n: number, mean: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = start; i < start + n; i++) res += (a[i]! - mean) * (a[i]! - mean);
    return res;
  }
  if (n <= BLOCK) {
    let d = a[start]! - mean;
    let r0 = d * d;
    d = a[start + 1]! - mean;
    let r1 = d * d;
    d = a[start + 2]! - mean;
    let r2 = d * d;
    d = a[start + 3]! - mean;
    let r3 = d * d;
    d = a[start + 4]! - mean;
    let r4 = d * d;
    d = a[start + 5]! - mean;
    let r5 = d * d;
    d = a[start + 6]! - mean;
    let r6 = d * d;
    d = a[start + 7]! - mean;
    let r7 = d * d;
    let i = start + 8;
    const blockEnd = start + n - (n % 8);
    for (; i < blockEnd; i += 8) {
      const d0 = a[i]! - mean;
      const d1 = a[i + 1]! - mean;
      const d2 = a[i + 2]! - mean;
      const d3 = a[i + 3]! - mean;
      const d4 = a[i + 4]! - mean;
      const d5 = a[i + 5]! - mean;
      const d6 = a[i + 6]! - mean;
      const d7 = a[i + 7]! - mean;
      r0 += d0 * d0;
      r1 += d1 * d1;
      r2 += d2 * d2;
      r3 += d3 * d3;
      r4 += d4 * d4;
      r5 += d5 * d5;
      r6 += d6 * d6;
      r7 += d7 * d7;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < start + n; i++) res += (a[i]! - mean) * (a[i]! - mean);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSquares(a, start, n2, mean) + pairwiseSquares(a, start + n2, n - n2, mean);
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
 * n / (n - ddof) (NaN when n <= ddof, as NumPy's 0 * inf). Pass `mean` when it is already known.
 *
 * @example
 * pairwiseVariance([1, 2, 4], 1); // 2.333333333333333
 */
export function pairwiseVariance(
  values: ArrayLike<number>,
  ddof: number,
  mean = pairwiseMean(values),
): number {
  const n = values.length;
  // np.mean of the squared deviations: NumPy's buffers of the squares, summed in sequence.
  let sum = 0;
  for (let start = 0; start < n; start += BUFFER) {
    sum += pairwiseSquares(values, start, Math.min(BUFFER, n - start), mean);
  }
  const moment = sum / n;
  return ddof === 0 ? moment : moment * (n / (n - ddof));
}

/**
 * Sums a stream of values in NumPy's pairwise order without storing them: `total()` equals
 * `pairwiseSum` of every value added so far, bit for bit, with memory for one 8192-value buffer.
 *
 * @example
 * const sum = new PairwiseAccumulator();
 * for (const v of [0.1, 0.2, 0.3]) sum.add(v);
 * sum.total(); // 0.6000000000000001, as np.sum
 */
export class PairwiseAccumulator {
  #buffer: Float64Array;
  #size = 0;
  #sum = 0;

  /** `expected`: how many values will be added, if known (a small sum then allocates little). */
  constructor(expected = BUFFER) {
    this.#buffer = new Float64Array(Math.min(Math.max(expected, 1), BUFFER));
  }

  add(value: number): void {
    if (this.#size === this.#buffer.length) this.#makeRoom();
    this.#buffer[this.#size++] = value;
  }

  /**
   * Adds `value` when `take` is 1 and nothing when it is 0, without branching on `take`: for loops
   * where which of two sums a value goes to is a coin toss, which a branch would mispredict.
   */
  addIf(value: number, take: 0 | 1): void {
    if (this.#size === this.#buffer.length) this.#makeRoom();
    this.#buffer[this.#size] = value;
    this.#size += take;
  }

  #makeRoom(): void {
    if (this.#buffer.length < BUFFER) {
      const grown = new Float64Array(BUFFER);
      grown.set(this.#buffer);
      this.#buffer = grown;
    } else {
      this.#sum += pairwise(this.#buffer, 0, BUFFER);
      this.#size = 0;
    }
  }

  total(): number {
    return this.#size === 0 ? this.#sum : this.#sum + pairwise(this.#buffer, 0, this.#size);
  }
}
