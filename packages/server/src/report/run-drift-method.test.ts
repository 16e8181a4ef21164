import {
  binnedKs,
  DRIFT_METHODS,
  hellinger,
  mannWhitneyUTest,
  normalizedWassersteinDistance,
  psi,
  RandomSource,
  welchTTest,
} from "@sightline/stats";
import { describe, expect, it } from "vitest";
import {
  BINNED_NUMERIC_METHODS,
  runCountMethod,
  runSampleMethod,
  SAMPLE_METHODS,
} from "./run-drift-method.js";

const rng = new RandomSource(5);
const a = Float64Array.from({ length: 300 }, () => rng.normal(0, 1));
const b = Float64Array.from({ length: 200 }, () => rng.normal(0.3, 1.2));

describe("runSampleMethod / runCountMethod", () => {
  it("every drift method runs, on raw samples or on counts", () => {
    const counts = [Float64Array.of(30, 50, 20), Float64Array.of(25, 45, 30)] as const;
    const bins = {
      cuts: [0, 1],
      range: [-2, 3] as const,
      referenceMeans: [-1, 0.5, 2],
      currentMeans: [-1, 0.5, 2],
      referenceStd: 1,
    };
    for (const method of DRIFT_METHODS) {
      let result: { statistic: number; p_value: number | null };
      if (SAMPLE_METHODS.has(method)) result = runSampleMethod(method, a, b);
      else if (method === "two-proportion-z" || method === "fisher-exact")
        result = runCountMethod(method, [60, 40], [45, 55]);
      else
        result = runCountMethod(
          method,
          counts[0],
          counts[1],
          BINNED_NUMERIC_METHODS.has(method) ? bins : undefined,
        );
      expect(Number.isNaN(result.statistic), method).toBe(false);
      expect(Object.keys(result).sort(), method).toEqual(["p_value", "statistic"]);
    }
  });

  it("dispatches to the stats function of the same name", () => {
    const welch = welchTTest(a, b);
    expect(runSampleMethod("welch-t", a, b)).toEqual({ statistic: welch.statistic, p_value: welch.p_value });
    expect(runSampleMethod("mann-whitney", a, b).p_value).toBe(mannWhitneyUTest(a, b).p_value);
    expect(runSampleMethod("wasserstein", a, b).statistic).toBe(
      normalizedWassersteinDistance(a, b).statistic,
    );
    expect(runCountMethod("psi", [25, 25, 25, 25], [10, 20, 30, 40])).toEqual(
      psi([25, 25, 25, 25], [10, 20, 30, 40]),
    );
    expect(runCountMethod("hellinger", [1, 2], [2, 1])).toEqual(hellinger([1, 2], [2, 1]));
    expect(runCountMethod("binned-ks", [10, 20, 30, 40], [40, 30, 20, 10]).p_value).toBe(
      binnedKs([10, 20, 30, 40], [40, 30, 20, 10]).p_value,
    );
  });

  it("binned Wasserstein with per-bin means equals the raw normalised one when each bin holds one value", () => {
    const ref = [1, 1, 2, 3, 3, 3, 5];
    const cur = [1, 2, 2, 2, 5, 5];
    const cuts = [1.5, 2.5, 4];
    const refCounts = [2, 1, 3, 1];
    const curCounts = [1, 3, 0, 2];
    const mean = ref.reduce((s, v) => s + v, 0) / ref.length;
    const referenceStd = Math.sqrt(ref.reduce((s, v) => s + (v - mean) ** 2, 0) / ref.length);
    const binned = runCountMethod("binned-wasserstein", refCounts, curCounts, {
      cuts,
      range: [1, 5],
      referenceMeans: [1, 2, 3, 5],
      currentMeans: [1, 2, Number.NaN, 5],
      referenceStd,
    });
    expect(binned.statistic).toBeCloseTo(normalizedWassersteinDistance(ref, cur).statistic, 12);
    expect(binned.p_value).toBeNull();
  });

  it("refuses a method of the other family", () => {
    expect(() => runSampleMethod("psi", a, b)).toThrow(RangeError);
    expect(() => runCountMethod("ks", [1, 2], [2, 1])).toThrow(RangeError);
    expect(() => runCountMethod("binned-wasserstein", [1, 2], [2, 1])).toThrow(/needs numeric bins/);
  });
});
