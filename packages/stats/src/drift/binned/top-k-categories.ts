import { checkCountPair } from "./count-pair.js";

/** Count vectors reduced to the top-k reference categories plus "other". */
export interface TopKCategories {
  /** Reference counts of the kept categories, then "other" (when any category was merged). */
  reference: Float64Array;
  /** Current counts over the same positions. */
  current: Float64Array;
  /** Indices (in the input vectors) of the kept categories, most frequent in the reference first. */
  kept: number[];
}

/**
 * Keeps the k categories most frequent in the reference (ties: lower index first) and merges all
 * others, including categories seen only in the current window, into one last "other" cell. For
 * high-cardinality categoricals: tests stay stable, and new or rare categories still show up as
 * mass moving into "other".
 *
 * @example
 * topKCategories([50, 30, 15, 5], [40, 30, 10, 20], 2);
 * // { reference: [50, 30, 20], current: [40, 30, 30], kept: [0, 1] }
 */
export function topKCategories(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  k: number,
): TopKCategories {
  checkCountPair(reference, current);
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a positive integer, got ${k}`);
  const order = Array.from({ length: reference.length }, (_, i) => i);
  order.sort((a, b) => (reference[b] as number) - (reference[a] as number) || a - b);
  const kept = order.slice(0, Math.min(k, order.length));
  const merged = kept.length < reference.length;
  const size = kept.length + (merged ? 1 : 0);
  const outReference = new Float64Array(size);
  const outCurrent = new Float64Array(size);
  kept.forEach((index, position) => {
    outReference[position] = reference[index] as number;
    outCurrent[position] = current[index] as number;
  });
  if (merged) {
    for (const index of order.slice(kept.length)) {
      outReference[size - 1] = (outReference[size - 1] as number) + (reference[index] as number);
      outCurrent[size - 1] = (outCurrent[size - 1] as number) + (current[index] as number);
    }
  }
  return { reference: outReference, current: outCurrent, kept };
}
