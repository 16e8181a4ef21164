import type { RandomSource } from "./random-source.js";

/**
 * Shuffles an array in place by Fisher–Yates (Durstenfeld's form: every permutation equally likely)
 * and returns it.
 *
 * @example
 * shuffle([1, 2, 3, 4], new RandomSource(1)); // the same permutation for seed 1, every time
 */
export function shuffle<T extends { length: number; [index: number]: unknown }>(
  values: T,
  random: RandomSource,
): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = random.integer(0, i);
    const held = values[i];
    values[i] = values[j];
    values[j] = held;
  }
  return values;
}
