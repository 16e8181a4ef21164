import type { RandomSource } from "./random-source.js";

/**
 * Draws `size` values from `values` uniformly with replacement (a bootstrap sample).
 *
 * @example
 * const sample = sampleWithReplacement([1, 2, 3], 5, new RandomSource(7)); // Float64Array(5)
 */
export function sampleWithReplacement(
  values: ArrayLike<number>,
  size: number,
  random: RandomSource,
): Float64Array {
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`size must be a non-negative integer`);
  if (values.length === 0 && size > 0) throw new RangeError("cannot sample from an empty array");
  const out = new Float64Array(size);
  const last = values.length - 1;
  for (let i = 0; i < size; i++) out[i] = values[random.integer(0, last)] as number;
  return out;
}
