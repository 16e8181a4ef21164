// Quantile bin cuts need a few order statistics of the reference, not a full sort: a multi-target
// quickselect (Hoare partition around a median-of-three pivot, recursing only into the parts that
// hold a wanted rank) does it in about n log2(#ranks) comparisons. Short parts, and parts that
// recurse too deep (adversarial orders), are sorted instead, so the worst case stays O(n log n).

import { sortFloat64 } from "./sort-float64.js";

const SORT_BELOW = 32;

/**
 * Returns the values of the given ascending ranks (0-based positions in sorted order) of `values`,
 * which it reorders in place. `ranks` must be strictly increasing integers in [0, values.length).
 * Values must be finite.
 *
 * @example
 * selectOrderStatistics(Float64Array.of(5, 1, 4, 2, 3), [0, 2, 4]); // Float64Array [1, 3, 5]
 */
export function selectOrderStatistics(values: Float64Array, ranks: ArrayLike<number>): Float64Array {
  const depth = 2 * Math.ceil(Math.log2(values.length + 1)) + 8;
  select(values, 0, values.length - 1, ranks, 0, ranks.length, depth);
  const out = new Float64Array(ranks.length);
  for (let r = 0; r < ranks.length; r++) out[r] = values[ranks[r]!]!;
  return out;
}

// Places the ranks ranks[from..to) (all within [lo, hi]) at their sorted positions.
function select(
  a: Float64Array,
  lo: number,
  hi: number,
  ranks: ArrayLike<number>,
  from: number,
  to: number,
  depth: number,
): void {
  if (from >= to) return;
  if (hi - lo < SORT_BELOW || depth === 0) {
    sortFloat64(a.subarray(lo, hi + 1));
    return;
  }
  const mid = (lo + hi) >>> 1;
  const x = a[lo]!;
  const y = a[mid]!;
  const z = a[hi]!;
  // Median of three: the largest of min(x, y) and the smaller of max(x, y) and z.
  const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
  let i = lo;
  let j = hi;
  while (i <= j) {
    while (a[i]! < pivot) i++;
    while (a[j]! > pivot) j--;
    if (i <= j) {
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
      i++;
      j--;
    }
  }
  // Now a[lo..j] <= pivot, a[i..hi] >= pivot and everything strictly between j and i equals it.
  let left = from;
  while (left < to && ranks[left]! <= j) left++;
  let right = left;
  while (right < to && ranks[right]! < i) right++;
  select(a, lo, j, ranks, from, left, depth - 1);
  select(a, i, hi, ranks, right, to, depth - 1);
}
