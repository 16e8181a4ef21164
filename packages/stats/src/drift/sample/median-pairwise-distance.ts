import { selectOrderStatistics } from "../../internal/select-order-statistics.js";

/** Median as `np.median`: the mean of the two middle values for an even count. Reorders `a`. */
function median(a: Float64Array): number {
  const n = a.length;
  if (n % 2 === 1) return selectOrderStatistics(a, [n >>> 1])[0]!;
  const [lower, upper] = selectOrderStatistics(a, [(n >>> 1) - 1, n >>> 1]);
  return (lower! + upper!) / 2;
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
