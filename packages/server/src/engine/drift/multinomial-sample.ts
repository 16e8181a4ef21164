import type { RandomSource } from "@sightline/stats";

// Binomial(n, p): exact Bernoulli sum for small n, inversion of the Poisson limit for rare events, the
// normal approximation (rounded, clamped) when n p (1 - p) is large, where it is accurate to O(1/sqrt(npq)).
function binomial(random: RandomSource, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n <= 64) {
    let k = 0;
    for (let i = 0; i < n; i++) if (random.uniform() < p) k++;
    return k;
  }
  const variance = n * p * (1 - p);
  if (variance >= 25) {
    const k = Math.round(random.normal(n * p, Math.sqrt(variance)));
    return Math.min(n, Math.max(0, k));
  }
  const mean = n * p;
  if (p < 0.5) {
    // Poisson(mean) by multiplying uniforms (Knuth), mean < 25 / (1 - p) here.
    const limit = Math.exp(-mean);
    let k = 0;
    let product = random.uniform();
    while (product > limit && k < n) {
      k++;
      product *= random.uniform();
    }
    return k;
  }
  return n - binomial(random, n, 1 - p);
}

/**
 * A multinomial draw of `n` rows over the bins of `probabilities` (shares summing to 1), by
 * conditional binomials: bin k gets Binomial(rest, p_k / remaining mass). O(bins) per draw, so a
 * reference histogram can be resampled at any window size cheaply (the parametric bootstrap the
 * drift thresholds are calibrated with).
 *
 * @example
 * multinomialSample(new RandomSource(1), 1000, [0.5, 0.3, 0.2]); // e.g. [497, 305, 198]
 */
export function multinomialSample(
  random: RandomSource,
  n: number,
  probabilities: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(probabilities.length);
  let rest = n;
  let mass = 1;
  for (let k = 0; k < probabilities.length && rest > 0; k++) {
    const p = probabilities[k] as number;
    const share = mass > 0 ? Math.min(1, p / mass) : 1;
    const count = k === probabilities.length - 1 ? rest : binomial(random, rest, share);
    out[k] = count;
    rest -= count;
    mass -= p;
  }
  return out;
}
