import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import { seededGenerator } from "./seeded-generator.js";

/**
 * A seeded, deterministic source of random numbers: the same seed gives the same sequence on every
 * platform. Wraps pure-rand's xoroshiro128+ (the generator its authors recommend), seeded through
 * SplitMix32, and its unbiased uniform distributions; the generator state lives in the instance, never in a global.
 *
 * @example
 * const random = new RandomSource(42);
 * random.uniform(); // a double in [0, 1)
 * random.integer(1, 6); // a die roll
 */
export class RandomSource {
  readonly #generator: RandomGenerator;
  #spareNormal: number | null = null;

  constructor(seed: number) {
    this.#generator = seededGenerator(seed);
  }

  /** A double uniform in [0, 1), with 53 random bits. */
  uniform(): number {
    return uniformFloat64(this.#generator);
  }

  /** An integer uniform in [min, max], both included, without modulo bias. */
  integer(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`integer(min, max) needs integers with min <= max, got ${min}, ${max}`);
    }
    return uniformInt(this.#generator, min, max);
  }

  /**
   * A normal draw by the Marsaglia polar method (two normals per accepted pair; the second is kept
   * for the next call, so the sequence still depends only on the seed).
   */
  normal(mean = 0, sd = 1): number {
    if (this.#spareNormal !== null) {
      const spare = this.#spareNormal;
      this.#spareNormal = null;
      return mean + sd * spare;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spareNormal = v * factor;
    return mean + sd * u * factor;
  }
}
