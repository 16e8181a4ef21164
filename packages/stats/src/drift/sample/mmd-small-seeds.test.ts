import { describe, expect, it } from "vitest";
import { RandomSource } from "../../random/random-source.js";
import { kstwoSf } from "../../special/kstwo.js";
import { mmdTest } from "./mmd.js";

// Regression: mmdTest seeded pure-rand's xoroshiro128+ with the raw seed, whose first outputs are
// biased for small seeds. Under the null (both samples from one distribution, drawn independently of
// the permutation seed) the permutation p-values of seeds 0..199 must look uniform: a one-sample KS
// test against U(0, 1) must not reject at 1%. (The p-values are discrete, multiples of 1/100; that
// moves the KS distance by at most 0.01, far below the 1% critical value ~0.115 for 200 values.)
describe("mmdTest p-values under the null are uniform over seeds 0..199", () => {
  it("does not reject uniformity at 1% (one-sample KS)", () => {
    const pValues: number[] = [];
    for (let seed = 0; seed < 200; seed++) {
      const data = new RandomSource(1_000_003 + seed);
      const x = Array.from({ length: 25 }, () => data.normal());
      const y = Array.from({ length: 25 }, () => data.normal());
      pValues.push(mmdTest(x, y, { permutations: 99, seed }).p_value as number);
    }
    pValues.sort((a, b) => a - b);
    const n = pValues.length;
    const d = Math.max(...pValues.map((p, i) => Math.max((i + 1) / n - p, p - i / n)));
    expect(kstwoSf(n, d), `KS distance ${d}`).toBeGreaterThan(0.01);
  });
});
