/**
 * Merges two ascending-sorted arrays into one ascending array, O(n + m): the sorted union of two
 * samples that are already sorted, without sorting again.
 *
 * @example
 * mergeSorted(Float64Array.of(1, 4), Float64Array.of(2, 3)); // Float64Array [1, 2, 3, 4]
 */
export function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  // Which array holds the next value is a coin toss for two samples of one distribution: a branch on
  // it mispredicts half the time. The step is taken without one: the pick reads a two-slot scratch.
  const pick = new Float64Array(2);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const fromB = +(y < x);
    pick[0] = x;
    pick[1] = y;
    out[k++] = pick[fromB]!;
    j += fromB;
    i += 1 - fromB;
  }
  out.set(a.subarray(i), k);
  out.set(b.subarray(j), k + a.length - i);
  return out;
}
