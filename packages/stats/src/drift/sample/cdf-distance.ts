import { sortFloat64 } from "../../internal/sort-float64.js";
import { PairwiseAccumulator } from "./pairwise-sum.js";

/** A sample with optional non-negative weights (same length), after dropping non-finite values. */
export interface WeightedSample {
  values: Float64Array;
  weights: Float64Array | undefined;
}

/**
 * Sorts values (and their weights) and returns the cumulative weights, cum[0] = 0, as SciPy. Unweighted
 * values are sorted in place (the caller's `WeightedSample` is its own copy).
 */
function sortWithCumulative(s: WeightedSample): { sorted: Float64Array; cum: Float64Array | undefined } {
  const n = s.values.length;
  if (s.weights === undefined) return { sorted: sortFloat64(s.values), cum: undefined };
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const v = s.values;
  order.sort((a, b) => v[a]! - v[b]!);
  const sorted = new Float64Array(n);
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    sorted[i] = v[order[i]!]!;
    cum[i + 1] = cum[i]! + s.weights[order[i]!]!;
  }
  return { sorted, cum };
}

/**
 * The L^p distance between the ECDFs of two (weighted) samples, p = 1 or 2, as SciPy's
 * `_cdf_distance(p, u, v, u_weights, v_weights)`: the pooled values are merged, and
 * sum |U(x_k) - V(x_k)|^p (x_{k+1} - x_k) is taken with NumPy's pairwise summation.
 * O(n log n) from the sorts, O(n) after. Reorders the values of unweighted samples.
 */
export function cdfDistance(p: 1 | 2, u: WeightedSample, v: WeightedSample): number {
  const su = sortWithCumulative(u);
  const sv = sortWithCumulative(v);
  const a = su.sorted;
  const b = sv.sorted;
  const n = a.length + b.length;
  const terms = new PairwiseAccumulator(n - 1);
  let i = 0;
  let j = 0;
  let prev = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
  // i and j are the counts of u and v values <= prev (searchsorted 'right'); ties are consumed as they
  // come, and a tie contributes delta = 0, exactly as NumPy's diff over the merged array.
  let k = 0;
  let iu = 0;
  let iv = 0;
  while (k < n - 1) {
    while (iu < a.length && a[iu]! <= prev) iu++;
    while (iv < b.length && b[iv]! <= prev) iv++;
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    const ucdf = su.cum === undefined ? iu / a.length : su.cum[iu]! / su.cum[a.length]!;
    const vcdf = sv.cum === undefined ? iv / b.length : sv.cum[iv]! / sv.cum[b.length]!;
    const diff = ucdf - vcdf;
    terms.add((p === 1 ? Math.abs(diff) : diff * diff) * (next - prev));
    k++;
    prev = next;
  }
  const total = terms.total();
  return p === 1 ? total : Math.sqrt(total);
}
