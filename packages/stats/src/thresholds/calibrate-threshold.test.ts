import { describe, expect, it } from "vitest";
import { isClose } from "../internal/close.js";
import { loadFixture } from "../internal/fixture.js";
import { calibrateThreshold } from "./calibrate-threshold.js";

interface Case {
  name: string;
  statistics: number[];
  mean: number;
  sd: number;
  n: number;
  quantiles: Record<string, number>;
  mean_k_sd: Record<string, number>;
}

const cases = loadFixture<Case>("thresholds-calibration");

describe("calibrateThreshold against NumPy mean, std(ddof=1) and quantile", () => {
  for (const c of cases) {
    it(c.name, () => {
      for (const [k, expected] of Object.entries(c.mean_k_sd)) {
        const t = calibrateThreshold(c.statistics, { rule: { kind: "mean+k*sd", k: Number(k) } });
        expect(isClose(t.mean, c.mean, 1e-12)).toBe(true);
        expect(isClose(t.sd, c.sd, 1e-9)).toBe(true);
        expect(isClose(t.threshold, expected, 1e-9)).toBe(true);
        expect(t.n_chunks).toBe(c.n);
        expect(t.dropped).toBe(c.statistics.length - c.n);
      }
      for (const [q, expected] of Object.entries(c.quantiles)) {
        const t = calibrateThreshold(c.statistics, { rule: { kind: "quantile", q: Number(q) } });
        expect(isClose(t.threshold, expected, 1e-12), `q=${q}: ${t.threshold} vs ${expected}`).toBe(true);
      }
    });
  }
});

describe("calibrateThreshold minimum effect", () => {
  it("uses max(calibrated, minEffect) and reports both", () => {
    const stats = [0.02, 0.03, 0.025, 0.04];
    const rule = { kind: "mean+k*sd", k: 3 } as const;
    const low = calibrateThreshold(stats, { rule, minEffect: 0.1 });
    expect(low.threshold).toBe(0.1);
    expect(low.calibrated).toBeLessThan(0.1);
    expect(low.min_effect).toBe(0.1);
    const high = calibrateThreshold(stats, { rule, minEffect: 0.001 });
    expect(high.threshold).toBe(high.calibrated);
    expect(calibrateThreshold(stats, { rule }).min_effect).toBeNull();
  });

  it("rejects too few statistics and invalid rules", () => {
    expect(() => calibrateThreshold([0.1], { rule: { kind: "quantile", q: 0.9 } })).toThrow(RangeError);
    expect(() => calibrateThreshold([0.1, Number.NaN], { rule: { kind: "quantile", q: 0.9 } })).toThrow(
      RangeError,
    );
    expect(() => calibrateThreshold([0.1, 0.2], { rule: { kind: "quantile", q: 1.5 } })).toThrow(RangeError);
    expect(() => calibrateThreshold([0.1, 0.2], { rule: { kind: "mean+k*sd", k: -1 } })).toThrow(RangeError);
  });
});
