/** Rank sums of two sorted samples within their pooled sample, with SciPy's midranks for ties. */
export interface PooledRanks {
  /** Sum of the (mid)ranks of the first sample, as `rankdata(concat(x, y))[:n1].sum()`. */
  rankSum1: number;
  /** Sum over tie groups of t^3 - t (0 when all values are distinct). */
  tieTerm: number;
  /** Number of distinct values in the pooled sample. */
  distinct: number;
}

/**
 * Midrank statistics of two ascending-sorted samples, by one merge pass (O(n1 + n2)).
 *
 * @example
 * pooledRanks(Float64Array.of(1, 2), Float64Array.of(2, 3)); // { rankSum1: 3.5, tieTerm: 6, distinct: 3 }
 */
export function pooledRanks(a: Float64Array, b: Float64Array): PooledRanks {
  let i = 0;
  let j = 0;
  let below = 0;
  let rankSum1 = 0;
  let tieTerm = 0;
  let distinct = 0;
  while (i < a.length || j < b.length) {
    const v = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    let c1 = 0;
    let c2 = 0;
    while (i < a.length && a[i] === v) {
      i++;
      c1++;
    }
    while (j < b.length && b[j] === v) {
      j++;
      c2++;
    }
    const t = c1 + c2;
    rankSum1 += c1 * (below + (t + 1) / 2);
    tieTerm += t * t * t - t;
    below += t;
    distinct++;
  }
  return { rankSum1, tieTerm, distinct };
}
