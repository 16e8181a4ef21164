/** A sample sorted by value with its weights, non-finite values removed. */
export interface SortedWeightedSample {
  values: Float64Array;
  weights: Float64Array;
  /** Sum of the weights. */
  total: number;
  /** Kish effective sample size, (sum w)^2 / sum w^2 (= n for unit weights). */
  effectiveSize: number;
  /** How many values were dropped for being NaN or infinite. */
  dropped: number;
}

/**
 * Sorts a sample by value, carrying its weights (default 1), after dropping non-finite values.
 * Weights must be finite and non-negative with a positive total.
 *
 * @example
 * sortWeightedSample([3, 1, Number.NaN], [1, 2, 5]); // values [1, 3], weights [2, 1], dropped 1
 */
export function sortWeightedSample(
  values: ArrayLike<number>,
  weights?: ArrayLike<number>,
): SortedWeightedSample {
  if (weights !== undefined && weights.length !== values.length) {
    throw new RangeError(`weights has ${weights.length} entries for ${values.length} values`);
  }
  const index: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (weights !== undefined) {
      const w = weights[i] as number;
      if (!(Number.isFinite(w) && w >= 0)) throw new RangeError(`weight at index ${i} is ${w}`);
    }
    if (Number.isFinite(values[i] as number)) index.push(i);
  }
  index.sort((a, b) => (values[a] as number) - (values[b] as number));
  const sortedValues = new Float64Array(index.length);
  const sortedWeights = new Float64Array(index.length);
  let total = 0;
  let squares = 0;
  for (let j = 0; j < index.length; j++) {
    const i = index[j] as number;
    const w = weights === undefined ? 1 : (weights[i] as number);
    sortedValues[j] = values[i] as number;
    sortedWeights[j] = w;
    total += w;
    squares += w * w;
  }
  if (!(total > 0)) throw new RangeError("sample has no finite value with positive weight");
  return {
    values: sortedValues,
    weights: sortedWeights,
    total,
    effectiveSize: (total * total) / squares,
    dropped: values.length - index.length,
  };
}
