import { EwmaAnomalyDetector } from "@sightline/stats";
import { describe, expect, it } from "vitest";
import { volumeAnomaly } from "./volume-anomaly.js";

const steady = [100, 98, 103, 101, 99, 102, 100, 97, 104, 100];

describe("volumeAnomaly", () => {
  it("flags a collapse and a surge of the last window and not a normal one", () => {
    expect(volumeAnomaly([...steady, 3]).drift).toBe(true);
    expect(volumeAnomaly([...steady, 400]).drift).toBe(true);
    expect(volumeAnomaly([...steady, 105]).drift).toBe(false);
  });

  it("does not alarm during warm-up", () => {
    expect(volumeAnomaly([100, 98, 0]).drift).toBe(false);
    expect(volumeAnomaly([100, 98, 0]).ready).toBe(false);
  });

  it("reports the same band as the stats detector fed the same series", () => {
    const series = [...steady, 120];
    const detector = new EwmaAnomalyDetector({ warmup: 7, k: 4, varianceAlpha: 0.1, minSd: 10 });
    let last = detector.update(series[0]!);
    for (const x of series.slice(1)) last = detector.update(x);
    // mean of the history is 100.4, so the Poisson floor is ~10.02: compare the expected level exactly.
    expect(volumeAnomaly(series).expected).toBe(last.expected);
  });
});
