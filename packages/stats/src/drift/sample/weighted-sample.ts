import type { WeightedSample } from "./cdf-distance.js";

/**
 * Drops non-finite values (and their weights) and validates the weights as SciPy's
 * `_validate_distribution`: same length, non-negative, finite, with a positive finite sum. Throws a
 * RangeError naming the sample otherwise, or when no finite value is left.
 */
export function weightedSample(
  values: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
  name: string,
): { sample: WeightedSample; dropped: number } {
  if (weights !== undefined && weights.length !== values.length) {
    throw new RangeError(`${name} weights must have the same length as the ${name} sample`);
  }
  const keptValues = new Float64Array(values.length);
  const keptWeights = weights === undefined ? undefined : new Float64Array(values.length);
  let size = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (keptWeights !== undefined) {
      const w = weights![i]!;
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`${name} weights must be finite and >= 0`);
      keptWeights[size] = w;
      total += w;
    }
    keptValues[size++] = v;
  }
  if (size === 0)
    throw new RangeError(`${name} sample has no finite values (after dropping NaN and ±Infinity)`);
  if (keptWeights !== undefined && !(total > 0 && Number.isFinite(total))) {
    throw new RangeError(`${name} weights must have a positive, finite sum`);
  }
  return {
    sample: {
      values: size === keptValues.length ? keptValues : keptValues.slice(0, size),
      weights: size === keptValues.length ? keptWeights : keptWeights?.slice(0, size),
    },
    dropped: values.length - size,
  };
}

/**
 * {@link weightedSample} of a reference and a current sample with their optional weights, and the
 * counts dropped from each, in the `[reference, current]` order of `SampleDriftResult.dropped`.
 *
 * @example
 * weightedSamplePair([1, Number.NaN], [2], {}).dropped; // [1, 0]
 */
export function weightedSamplePair(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  weights: { reference?: ArrayLike<number>; current?: ArrayLike<number> },
): { u: WeightedSample; v: WeightedSample; dropped: number[] } {
  const u = weightedSample(reference, weights.reference, "reference");
  const v = weightedSample(current, weights.current, "current");
  return { u: u.sample, v: v.sample, dropped: [u.dropped, v.dropped] };
}
