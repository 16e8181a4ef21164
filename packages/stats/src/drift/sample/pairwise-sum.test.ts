import { describe, expect, it } from "vitest";
import { PairwiseAccumulator, pairwiseSum, pairwiseVariance } from "./pairwise-sum.js";

describe("PairwiseAccumulator", () => {
  it("equals pairwiseSum bit for bit, across NumPy's 8192-value buffers", () => {
    for (const n of [0, 1, 7, 8, 129, 8191, 8192, 8193, 20000]) {
      const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 10 ** (i % 7) + 0.1);
      for (const expected of [undefined, 1, 100, n]) {
        const sum = new PairwiseAccumulator(expected);
        for (const v of values) sum.add(v);
        expect(sum.total()).toBe(pairwiseSum(values));
      }
    }
  });
});

describe("PairwiseAccumulator.addIf", () => {
  it("sums exactly the values added with take = 1, in their order", () => {
    const values = Float64Array.from({ length: 30000 }, (_, i) => Math.exp(5 * Math.sin(i * 7.3)));
    const takes = values.map((_, i) => ((i * 2654435761) >>> 31) as 0 | 1);
    const some = new PairwiseAccumulator(10);
    for (let i = 0; i < values.length; i++) some.addIf(values[i]!, takes[i] as 0 | 1);
    expect(some.total()).toBe(pairwiseSum(values.filter((_, i) => takes[i] === 1)));
  });
});

describe("pairwiseVariance", () => {
  it("is the pairwise mean of squared deviations from the pairwise mean, at every block and buffer size", () => {
    for (const n of [1, 2, 7, 8, 9, 127, 128, 129, 136, 8191, 8192, 8193, 20000]) {
      const values = Float64Array.from(
        { length: n },
        (_, i) => Math.exp(5 * Math.sin(i * 7.3)) + Math.cos(i),
      );
      const mean = pairwiseSum(values) / n;
      const squares = values.map((v) => (v - mean) * (v - mean));
      expect(pairwiseVariance(values, 0)).toBe(pairwiseSum(squares) / n);
      expect(pairwiseVariance([...values], 0)).toBe(pairwiseSum(squares) / n);
      if (n > 1) expect(pairwiseVariance(values, 1)).toBe((pairwiseSum(squares) / n) * (n / (n - 1)));
    }
  });
});
