import { describe, expect, it } from "vitest";
import { DEFAULT_LABEL_DELAY_MS, LABEL_LOOKBACK_MS } from "./label-delay.js";
import {
  LABEL_LAG_QUANTILE,
  labelDelayJson,
  MIN_LAG_LABELS,
  observedLabelDelay,
  resolveLabelDelay,
} from "./observed-label-delay.js";

const hour = 3_600_000;

describe("observedLabelDelay", () => {
  it("rounds the lag quantile up to whole hours", () => {
    const delays = [hour, hour + 1, 2.5 * hour, 30 * hour].map(
      (quantileMs) => observedLabelDelay({ labels: 500, quantileMs }).delayMs / hour,
    );
    expect(delays).toEqual([1, 2, 3, 30]);
    expect(observedLabelDelay({ labels: 500, quantileMs: 2.5 * hour })).toEqual({
      delayMs: 3 * hour,
      source: "observed",
      quantile: LABEL_LAG_QUANTILE,
      labels: 500,
      lagMs: 2.5 * hour,
    });
  });

  it("waits at least an hour and at most the look-back", () => {
    expect(observedLabelDelay({ labels: 500, quantileMs: 0 }).delayMs).toBe(hour);
    expect(observedLabelDelay({ labels: 500, quantileMs: -5 * hour }).delayMs).toBe(hour);
    expect(observedLabelDelay({ labels: 500, quantileMs: 40 * 86_400_000 }).delayMs).toBe(LABEL_LOOKBACK_MS);
  });

  it("falls back to 3 days below the minimum number of labels, or without a lag", () => {
    const few = observedLabelDelay({ labels: MIN_LAG_LABELS - 1, quantileMs: hour });
    expect(few).toEqual({ delayMs: DEFAULT_LABEL_DELAY_MS, source: "default", labels: MIN_LAG_LABELS - 1 });
    expect(observedLabelDelay({ labels: MIN_LAG_LABELS, quantileMs: hour }).source).toBe("observed");
    expect(observedLabelDelay({ labels: 500, quantileMs: null }).source).toBe("default");
    expect(observedLabelDelay({ labels: 500, quantileMs: Number.NaN }).source).toBe("default");
  });
});

describe("resolveLabelDelay", () => {
  const lag = { labels: 500, quantileMs: 2 * hour };

  it("takes a stated delay over the observed lag, for every kind", () => {
    expect(resolveLabelDelay({ kind: "performance", delayMs: 86_400_000 }, lag)).toEqual({
      delayMs: 86_400_000,
      source: "stated",
    });
    expect(resolveLabelDelay({ kind: "performance", delayMs: 0 }, lag).delayMs).toBe(0);
    expect(resolveLabelDelay({ kind: "drift", delayMs: hour }, lag).source).toBe("stated");
  });

  it("observes the lag only for performance monitors stating none", () => {
    expect(resolveLabelDelay({ kind: "performance" }, lag)).toMatchObject({
      delayMs: 2 * hour,
      source: "observed",
    });
    expect(resolveLabelDelay({ kind: "estimated_performance" }, lag)).toEqual({
      delayMs: 0,
      source: "default",
    });
    expect(resolveLabelDelay({ kind: "performance" })).toEqual({
      delayMs: DEFAULT_LABEL_DELAY_MS,
      source: "default",
    });
  });
});

describe("labelDelayJson", () => {
  it("writes the delay as monitors take it, with where it came from", () => {
    expect(labelDelayJson(observedLabelDelay({ labels: 480, quantileMs: 5_000_000 }))).toEqual({
      delay: "2h",
      source: "observed",
      quantile: 0.95,
      labels: 480,
      lag_ms: 5_000_000,
    });
    expect(labelDelayJson(observedLabelDelay({ labels: 12, quantileMs: 5_000_000 }))).toEqual({
      delay: "3d",
      source: "default",
      labels: 12,
      min_labels: MIN_LAG_LABELS,
    });
    expect(labelDelayJson({ delayMs: 0, source: "default" })).toEqual({ delay: 0, source: "default" });
  });
});
