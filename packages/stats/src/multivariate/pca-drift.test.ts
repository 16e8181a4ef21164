import { describe, expect, it } from "vitest";
import { isClose } from "../internal/close.js";
import { loadFixture } from "../internal/fixture.js";
import { RandomSource } from "../random/random-source.js";
import { fitPcaDrift, pcaReconstructionError } from "./pca-drift.js";

interface Case {
  name: string;
  share: number;
  chunk_size: number;
  reference: number[][];
  currents: number[][][];
  n_components: number;
  explained_variance: number[];
  explained_variance_ratio: number[];
  components: number[][];
  means: number[];
  sds: number[];
  chunk_errors: number[];
  lower: number;
  upper: number;
  current_errors: number[];
}

const cases = loadFixture<Case>("multivariate-pca");

// Tolerances: scikit-learn takes the SVD of the data, we take the eigendecomposition of the p x p
// covariance, so results agree to rounding, not bit for bit: 1e-9 relative (plus 1e-12 absolute for
// near-zero eigenvalues, e.g. of a constant column).
describe("PCA reconstruction drift against scikit-learn (NannyML's pipeline)", () => {
  for (const c of cases) {
    it(c.name, () => {
      const model = fitPcaDrift(c.reference, {
        varianceShare: c.share,
        chunks: { by: "count", chunkSize: c.chunk_size },
      });
      expect(model.n_components).toBe(c.n_components);
      model.means.forEach((m, j) => {
        expect(isClose(m, c.means[j] as number, 1e-12)).toBe(true);
      });
      model.sds.forEach((s, j) => {
        expect(isClose(s, c.sds[j] as number, 1e-12)).toBe(true);
      });
      model.explained_variance.forEach((v, j) => {
        expect(isClose(v, c.explained_variance[j] as number, 1e-9, 1e-12), `variance ${j}`).toBe(true);
        expect(
          isClose(
            model.explained_variance_ratio[j] as number,
            c.explained_variance_ratio[j] as number,
            1e-9,
            1e-12,
          ),
        ).toBe(true);
      });
      model.components.forEach((axis, k) => {
        const expected = c.components[k] as number[];
        const dot = axis.reduce((s, v, j) => s + v * (expected[j] as number), 0);
        expect(Math.abs(Math.abs(dot) - 1), `component ${k} (sign-invariant)`).toBeLessThan(1e-9);
      });
      model.reference_errors.forEach((e, i) => {
        expect(isClose(e, c.chunk_errors[i] as number, 1e-9)).toBe(true);
      });
      expect(isClose(model.threshold.lower, c.lower, 1e-9)).toBe(true);
      expect(isClose(model.threshold.upper, c.upper, 1e-9)).toBe(true);
      c.currents.forEach((rows, i) => {
        const result = pcaReconstructionError(model, rows);
        expect(isClose(result.error, c.current_errors[i] as number, 1e-9), `current ${i}`).toBe(true);
        expect(result.drift).toBe(result.error > c.upper || result.error < c.lower);
      });
    });
  }

  it("flags a broken correlation that leaves every marginal unchanged", () => {
    const broken = cases.slice(0, 4).map((c) => {
      const model = fitPcaDrift(c.reference, {
        varianceShare: c.share,
        chunks: { by: "count", chunkSize: c.chunk_size },
      });
      return pcaReconstructionError(model, c.currents[1] as number[][]).drift;
    });
    expect(broken).toEqual([true, true, true, true]);
  });
});

describe("PCA drift behaviour", () => {
  const random = new RandomSource(8);
  const draw = (n: number) =>
    Array.from({ length: n }, () => {
      const f = random.normal();
      return [f + 0.3 * random.normal(), -f + 0.3 * random.normal(), 2 * f + 0.3 * random.normal()];
    });

  it("does not alarm on windows from the reference distribution (at most 2 of 40)", () => {
    const model = fitPcaDrift(draw(5000), { chunks: { by: "count", chunkSize: 250 } });
    let alarms = 0;
    for (let w = 0; w < 40; w++) if (pcaReconstructionError(model, draw(250)).drift) alarms++;
    expect(alarms).toBeLessThanOrEqual(2);
  });

  it("counts imputed values and uses the default of 10 chunks", () => {
    const model = fitPcaDrift(draw(1000));
    expect(model.reference_errors.length).toBe(10);
    const result = pcaReconstructionError(model, [
      [Number.NaN, 0, 0],
      [1, Number.POSITIVE_INFINITY, 2],
    ]);
    expect(result.imputed).toBe(2);
    expect(result.n_rows).toBe(2);
  });

  it("rejects ragged rows, empty columns and empty windows", () => {
    expect(() => fitPcaDrift([[1, 2], [3]])).toThrow(RangeError);
    expect(() =>
      fitPcaDrift([
        [Number.NaN, 1],
        [Number.NaN, 2],
      ]),
    ).toThrow(RangeError);
    const model = fitPcaDrift(draw(100));
    expect(() => pcaReconstructionError(model, [])).toThrow(RangeError);
  });
});
