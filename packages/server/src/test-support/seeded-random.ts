/**
 * A seeded uniform generator on [0, 1): Mulberry32 (Tommy Ettinger's 32-bit mixer), enough for test data
 * that must be the same on every run.
 *
 * @example
 * const next = mulberry32(42);
 * next(); // 0.6011037519201636
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws from Beta(a, b) for integer a, b >= 1: the a-th smallest of a + b - 1 uniforms has that law
 * (order statistics of the uniform distribution).
 *
 * @example
 * betaOrderStatistic(mulberry32(1), 2, 5); // a value in (0, 1), mean 2/7 over many draws
 */
export function betaOrderStatistic(uniform: () => number, a: number, b: number): number {
  const draws = Array.from({ length: a + b - 1 }, uniform).sort((x, y) => x - y);
  return draws[a - 1] as number;
}

/**
 * The median of a sample (mean of the two middle values for an even count).
 *
 * @example
 * median([3, 1, 2, 10]); // 2.5
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
