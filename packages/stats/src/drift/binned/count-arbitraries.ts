import fc from "fast-check";

/** Two count vectors over the same categories, each with a positive total (for property tests). */
export const countPair = fc
  .array(fc.tuple(fc.nat(1000), fc.nat(1000)), { minLength: 1, maxLength: 30 })
  .filter((cells) => cells.some(([r]) => r > 0) && cells.some(([, c]) => c > 0))
  .map((cells) => ({ reference: cells.map(([r]) => r), current: cells.map(([, c]) => c) }));

/** A count pair with a permutation of its categories, applied to both vectors alike. */
export const permutedCountPair = countPair.chain(({ reference, current }) =>
  fc
    .shuffledSubarray(
      reference.map((_, i) => i),
      { minLength: reference.length, maxLength: reference.length },
    )
    .map((order) => ({
      reference,
      current,
      permutedReference: order.map((i) => reference[i] as number),
      permutedCurrent: order.map((i) => current[i] as number),
    })),
);

/** A single count vector with a positive total. */
export const counts = fc
  .array(fc.nat(1000), { minLength: 1, maxLength: 30 })
  .filter((cells) => cells.some((c) => c > 0));
