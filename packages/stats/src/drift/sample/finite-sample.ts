/** The finite values of a sample and how many non-finite ones were dropped. */
export interface FiniteSample {
  values: Float64Array;
  dropped: number;
}

/**
 * Copies the finite values of `sample` (NaN, +Infinity and -Infinity are dropped) and throws a
 * RangeError naming the sample when fewer than `minSize` remain.
 *
 * @example
 * finiteSample([1, Number.NaN, 2], "reference"); // { values: Float64Array [1, 2], dropped: 1 }
 */
export function finiteSample(sample: ArrayLike<number>, name: string, minSize = 1): FiniteSample {
  const values = new Float64Array(sample.length);
  let size = 0;
  for (let i = 0; i < sample.length; i++) {
    const v = sample[i]!;
    if (Number.isFinite(v)) values[size++] = v;
  }
  if (size < minSize) {
    const what = minSize === 1 ? "no finite values" : `fewer than ${minSize} finite values`;
    throw new RangeError(`${name} sample has ${what} (after dropping NaN and ±Infinity)`);
  }
  return { values: size === values.length ? values : values.slice(0, size), dropped: sample.length - size };
}

/** Finite values of `sample`, sorted ascending, and the number dropped. */
export function sortedFiniteSample(sample: ArrayLike<number>, name: string, minSize = 1): FiniteSample {
  const s = finiteSample(sample, name, minSize);
  s.values.sort();
  return s;
}
