import { describe, expect, it } from "vitest";
import { driftSeverity, thresholdRatio } from "./drift-severity.js";

describe("thresholdRatio", () => {
  it("is statistic / threshold for distances and threshold / p for tests", () => {
    expect(thresholdRatio({ statistic: 0.3, p_value: null, threshold: 0.1 })).toBeCloseTo(3, 12);
    expect(thresholdRatio({ statistic: 12, p_value: 0.01, threshold: 0.05 })).toBeCloseTo(5, 12);
    expect(thresholdRatio({ statistic: 12, p_value: 0, threshold: 0.05 })).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("driftSeverity", () => {
  it("bands results by their distance to the threshold", () => {
    const distance = (statistic: number, drift: boolean) =>
      driftSeverity({ statistic, p_value: null, threshold: 0.1, drift_detected: drift });
    expect(distance(0.01, false)).toBe(0);
    expect(distance(0.07, false)).toBe(1);
    expect(distance(0.2, true)).toBe(2);
    expect(distance(0.5, true)).toBe(3);
  });

  it("follows the server's verdict where the ratio alone would disagree", () => {
    expect(driftSeverity({ statistic: 0.2, p_value: null, threshold: 0.1, drift_detected: false })).toBe(1);
    expect(driftSeverity({ statistic: 0.01, p_value: null, threshold: 0.1, drift_detected: true })).toBe(2);
    expect(driftSeverity({ statistic: 3, p_value: 0.2, threshold: 0.05, drift_detected: false })).toBe(0);
  });
});
