/** Totals of a validated pair of count vectors. */
export interface CountPairTotals {
  referenceTotal: number;
  currentTotal: number;
}

/**
 * Validates two count vectors over the same categories (or bins) and returns their totals.
 * Counts may be fractional (weighted histograms) but must be finite and non-negative, and each
 * vector must have a positive total: an empty window has no distribution to compare, so the caller
 * (the engine) must decide what an empty window means rather than get a silent NaN.
 *
 * @example
 * checkCountPair([3, 1], [2, 2]); // { referenceTotal: 4, currentTotal: 4 }
 */
export function checkCountPair(reference: ArrayLike<number>, current: ArrayLike<number>): CountPairTotals {
  if (reference.length !== current.length) {
    throw new RangeError(
      `count vectors differ in length (${reference.length} vs ${current.length}): use the same categories or bins`,
    );
  }
  if (reference.length === 0) throw new RangeError("count vectors are empty");
  return { referenceTotal: total(reference, "reference"), currentTotal: total(current, "current") };
}

function total(counts: ArrayLike<number>, name: string): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (!(Number.isFinite(c) && c >= 0)) {
      throw new RangeError(`${name} count at index ${i} is ${c}: counts must be finite and non-negative`);
    }
    sum += c;
  }
  if (!(sum > 0)) throw new RangeError(`${name} counts sum to zero: nothing to compare`);
  return sum;
}
