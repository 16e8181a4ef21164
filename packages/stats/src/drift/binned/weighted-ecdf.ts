import type { SortedWeightedSample } from "./weighted-sample.js";

/**
 * Walks the distinct values of two sorted weighted samples in increasing order and calls
 * `visit(x, Fa(x), Fb(x), next)` with both weighted empirical CDFs at x (right-continuous:
 * Fa(x) = share of weight at values <= x) and the next distinct value (+Infinity after the last).
 *
 * @example
 * walkEcdfs(sortWeightedSample([1, 2]), sortWeightedSample([2]), (x, fa, fb) => console.log(x, fa, fb));
 * // 1 0.5 0, then 2 1 1
 */
export function walkEcdfs(
  a: SortedWeightedSample,
  b: SortedWeightedSample,
  visit: (x: number, fa: number, fb: number, next: number) => void,
): void {
  const na = a.values.length;
  const nb = b.values.length;
  let i = 0;
  let j = 0;
  let cumA = 0;
  let cumB = 0;
  while (i < na || j < nb) {
    const va = i < na ? (a.values[i] as number) : Number.POSITIVE_INFINITY;
    const vb = j < nb ? (b.values[j] as number) : Number.POSITIVE_INFINITY;
    const x = Math.min(va, vb);
    while (i < na && a.values[i] === x) cumA += a.weights[i++] as number;
    while (j < nb && b.values[j] === x) cumB += b.weights[j++] as number;
    const next = Math.min(
      i < na ? (a.values[i] as number) : Number.POSITIVE_INFINITY,
      j < nb ? (b.values[j] as number) : Number.POSITIVE_INFINITY,
    );
    visit(x, cumA / a.total, cumB / b.total, next);
  }
}
