/**
 * A class label as it arrives from a model or a label feed: a string or a number. Labels are compared
 * with `===`, so `1` and `"1"` are different classes.
 *
 * @example
 * const labels: ClassLabel[] = ["cat", "dog"];
 */
export type ClassLabel = string | number;

/**
 * The sorted union of the labels in the given arrays, as scikit-learn's `unique_labels`: numbers in
 * ascending order, strings in code-unit order. Mixing strings and numbers throws a TypeError, as
 * scikit-learn does ("Mix of label input types").
 *
 * @example
 * uniqueSortedLabels([2, 1], [3, 1]); // [1, 2, 3]
 */
export function uniqueSortedLabels(...arrays: ArrayLike<ClassLabel>[]): ClassLabel[] {
  const seen = new Set<ClassLabel>();
  for (const array of arrays) {
    for (let i = 0; i < array.length; i++) seen.add(array[i] as ClassLabel);
  }
  const labels = [...seen];
  const strings = labels.filter((l) => typeof l === "string").length;
  if (strings > 0 && strings < labels.length) throw new TypeError("Mix of string and number class labels");
  if (strings > 0) return labels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return labels.sort((a, b) => (a as number) - (b as number));
}

/** Throws unless the two arrays have the same length (every metric compares row by row). */
export function assertSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) throw new RangeError(`Inputs differ in length: ${a.length} vs ${b.length}`);
}

/** Index of each label in `labels`; duplicate labels throw. */
export function labelIndex(labels: readonly ClassLabel[]): Map<ClassLabel, number> {
  const index = new Map<ClassLabel, number>();
  labels.forEach((label, i) => {
    if (index.has(label)) throw new RangeError(`Duplicate label ${String(label)}`);
    index.set(label, i);
  });
  return index;
}
