/** k-th smallest (0-based) of `a[lo..hi]` by quickselect (Hoare partition); reorders `a`. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
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
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** Median as `np.median`: the mean of the two middle values for an even count. Reorders `a`. */
function median(a: Float64Array): number {
  const n = a.length;
  const upper = select(a, n >>> 1);
  if (n % 2 === 1) return upper;
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n >>> 1; i++) if (a[i]! > lower) lower = a[i]!;
  return (lower + upper) / 2;
}

/**
 * The median heuristic bandwidth for an RBF kernel on 1-D data: the median of |z_i - z_j| over all pairs
 * i < j (as `np.median(scipy.spatial.distance.pdist(z))`). When more than half of the pairs are tied
 * (median 0), the median of the non-zero distances is used instead; when all values are equal, 1.
 * O(n^2) memory and time (n = values.length, capped by the caller).
 *
 * @example
 * medianPairwiseDistance(Float64Array.of(0, 1, 3)); // 2 (distances 1, 3, 2)
 */
export function medianPairwiseDistance(values: Float64Array): number {
  const n = values.length;
  const distances = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  let nonZero = 0;
  for (let i = 0; i < n; i++) {
    const vi = values[i]!;
    for (let j = i + 1; j < n; j++) {
      const d = Math.abs(vi - values[j]!);
      distances[k++] = d;
      if (d > 0) nonZero++;
    }
  }
  if (nonZero === 0) return 1;
  const all = median(distances);
  if (all > 0) return all;
  const positive = new Float64Array(nonZero);
  let p = 0;
  for (const d of distances) if (d > 0) positive[p++] = d;
  return median(positive);
}
