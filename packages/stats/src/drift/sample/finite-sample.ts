import { sortFloat64 } from "../../internal/sort-float64.js";

/** The finite values of a sample and how many non-finite ones were dropped. */
export interface FiniteSample {
  values: Float64Array;
  dropped: number;
}

/**
 * Copies the finite values of `sample` (NaN, +Infinity and -Infinity are dropped) and throws a
 * RangeError naming the sample when fewer than `minSize` remain. With `copy` false, a Float64Array
 * without non-finite values is returned as is (for callers that only read it).
 *
 * @example
 * finiteSample([1, Number.NaN, 2], "reference"); // { values: Float64Array [1, 2], dropped: 1 }
 */
export function finiteSample(
  sample: ArrayLike<number>,
  name: string,
  minSize = 1,
  copy = true,
): FiniteSample {
  const n = sample.length;
  // v - v is 0 for a finite v and NaN for NaN and ±Infinity; cheaper than Number.isFinite here.
  let size = 0;
  for (let i = 0; i < n; i++) if (sample[i]! - sample[i]! === 0) size++;
  if (size < minSize) {
    const what = minSize === 1 ? "no finite values" : `fewer than ${minSize} finite values`;
    throw new RangeError(`${name} sample has ${what} (after dropping NaN and ±Infinity)`);
  }
  let values: Float64Array;
  if (size === n) {
    if (sample instanceof Float64Array) values = copy ? sample.slice() : sample;
    else values = Float64Array.from(sample);
  } else {
    values = new Float64Array(size);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const v = sample[i]!;
      if (v - v === 0) values[k++] = v;
    }
  }
  return { values, dropped: n - size };
}

/** Finite values of `sample`, sorted ascending, and the number dropped. */
export function sortedFiniteSample(sample: ArrayLike<number>, name: string, minSize = 1): FiniteSample {
  const s = finiteSample(sample, name, minSize);
  sortFloat64(s.values);
  return s;
}
