import { RandomSource } from "@sightline/stats";
import { describe, expect, it } from "vitest";
import { multinomialSample } from "./multinomial-sample.js";

describe("multinomialSample", () => {
  it("draws exactly n rows, with bin means n p_k and variances n p_k (1 - p_k)", () => {
    const random = new RandomSource(3);
    const p = [0.5, 0.3, 0.15, 0.049, 0.001];
    for (const n of [20, 1_000, 100_000]) {
      const draws = 2_000;
      const sum = new Float64Array(p.length);
      const sumSq = new Float64Array(p.length);
      for (let d = 0; d < draws; d++) {
        const x = multinomialSample(random, n, p);
        expect(x.reduce((s, v) => s + v, 0)).toBe(n);
        x.forEach((v, k) => {
          sum[k] = (sum[k] as number) + v;
          sumSq[k] = (sumSq[k] as number) + v * v;
        });
      }
      p.forEach((pk, k) => {
        const mean = (sum[k] as number) / draws;
        const variance = (sumSq[k] as number) / draws - mean * mean;
        const sd = Math.sqrt(n * pk * (1 - pk));
        // 5 standard errors of the mean; the variance within 15% (plus a floor for tiny counts).
        expect(Math.abs(mean - n * pk)).toBeLessThan(5 * (sd / Math.sqrt(draws)) + 1e-9);
        expect(Math.abs(variance - sd * sd)).toBeLessThan(0.15 * sd * sd + 0.05);
      });
    }
  });
});
