import type { ColumnKind } from "./column-kind.js";

/** Count vectors of two windows over the same, ordered categories. */
export interface AlignedCounts {
  categories: string[];
  reference: Float64Array;
  current: Float64Array;
}

/**
 * Puts the category counts of two windows on one list of categories: booleans as false, true;
 * numeric values in increasing order; text by reference count (most frequent first), then the
 * categories seen only in the current window by their count; ties by name.
 *
 * @example
 * alignCounts("categorical", new Map([["a", 5], ["b", 9]]), new Map([["a", 1], ["c", 2]]));
 * // { categories: ["b", "a", "c"], reference: [9, 5, 0], current: [0, 1, 2] }
 */
export function alignCounts(
  kind: ColumnKind,
  reference: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): AlignedCounts {
  const names = new Set([...reference.keys(), ...current.keys()]);
  let categories: string[];
  if (kind === "boolean") {
    categories = ["false", "true"];
  } else if (kind === "numeric") {
    categories = [...names].sort((a, b) => Number(a) - Number(b));
  } else {
    const byCount = (counts: ReadonlyMap<string, number>) => (a: string, b: string) =>
      (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
    const seen = [...names].filter((n) => reference.has(n)).sort(byCount(reference));
    const unseen = [...names].filter((n) => !reference.has(n)).sort(byCount(current));
    categories = [...seen, ...unseen];
  }
  return {
    categories,
    reference: Float64Array.from(categories, (c) => reference.get(c) ?? 0),
    current: Float64Array.from(categories, (c) => current.get(c) ?? 0),
  };
}

/** Label of the bar that merges the categories beyond the chart's limit. */
export const OTHER_CATEGORIES = "(other)";

/**
 * The bars of a categorical chart: the `limit` categories with the largest combined share of both
 * windows, in their aligned order, and the rest summed into one "(other)" bar.
 *
 * @example
 * chartBars({ categories: ["a", "b", "c"], reference: Float64Array.of(5, 3, 1), current: Float64Array.of(5, 1, 4) }, 2);
 * // { categories: ["a", "c", "(other)"], reference: [5, 1, 3], current: [5, 4, 1] }
 */
export function chartBars(
  counts: AlignedCounts,
  limit: number,
): { categories: string[]; reference: number[]; current: number[] } {
  const { categories, reference, current } = counts;
  if (categories.length <= limit) {
    return { categories: [...categories], reference: [...reference], current: [...current] };
  }
  const totalR = reference.reduce((s, v) => s + v, 0) || 1;
  const totalC = current.reduce((s, v) => s + v, 0) || 1;
  const share = (i: number) => (reference[i] as number) / totalR + (current[i] as number) / totalC;
  const order = categories.map((_, i) => i).sort((a, b) => share(b) - share(a) || a - b);
  const kept = new Set(order.slice(0, limit));
  const out = { categories: [] as string[], reference: [] as number[], current: [] as number[] };
  let otherR = 0;
  let otherC = 0;
  categories.forEach((name, i) => {
    if (kept.has(i)) {
      out.categories.push(name);
      out.reference.push(reference[i] as number);
      out.current.push(current[i] as number);
    } else {
      otherR += reference[i] as number;
      otherC += current[i] as number;
    }
  });
  out.categories.push(OTHER_CATEGORIES);
  out.reference.push(otherR);
  out.current.push(otherC);
  return out;
}
