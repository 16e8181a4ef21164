import { describe, expect, it } from "vitest";
import { RandomSource } from "../random/random-source.js";
import { EwmaAnomalyDetector } from "./ewma-anomaly.js";

describe("EwmaAnomalyDetector", () => {
  // A pointwise k-sd band flags about P(|Z| > k) of a stationary normal series, inflated a little by
  // the level's own estimation error (variance factor 1 + alpha/(2 - alpha)). Measured on seeds 1-4
  // over 100k N(0, 1) points: k = 3 flags 359-395 (0.36-0.40%), k = 4 flags 8-13.
  it("flags a stationary series at about its nominal rate", () => {
    const random = new RandomSource(1);
    const k3 = new EwmaAnomalyDetector();
    const k4 = new EwmaAnomalyDetector({ k: 4 });
    let flagged3 = 0;
    let flagged4 = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = random.normal();
      if (k3.update(x).drift) flagged3++;
      if (k4.update(x).drift) flagged4++;
    }
    expect(flagged3).toBeGreaterThan(200);
    expect(flagged3).toBeLessThan(550);
    expect(flagged4).toBeLessThan(40);
  });

  it("never alarms during warm-up and reports a band from the second point", () => {
    const detector = new EwmaAnomalyDetector({ warmup: 10 });
    const first = detector.update(5);
    expect(first).toMatchObject({ expected: null, lower: null, upper: null, ready: false, drift: false });
    detector.update(7);
    const third = detector.update(1000);
    expect(third.drift).toBe(false);
    expect(third.expected).toBe(6);
    expect(third.lower).toBeCloseTo(6 - 3 * Math.SQRT2, 12);
    expect(third.upper).toBeCloseTo(6 + 3 * Math.SQRT2, 12);
  });

  it("flags a 6 sd spike at once, and the spike does not widen the band much", () => {
    const random = new RandomSource(2);
    const detector = new EwmaAnomalyDetector();
    for (let i = 0; i < 500; i++) detector.update(10 + random.normal());
    const spike = detector.update(16);
    expect(spike.drift).toBe(true);
    expect(spike.z_score).toBeGreaterThan(5);
    const after = detector.update(10);
    expect((after.upper as number) - (after.lower as number)).toBeLessThan(
      1.3 * ((spike.upper as number) - (spike.lower as number)),
    );
  });

  it("flags a lasting level shift of 5 sd at its first point, then adapts to the new level", () => {
    const random = new RandomSource(3);
    const detector = new EwmaAnomalyDetector();
    for (let i = 0; i < 500; i++) detector.update(random.normal());
    expect(detector.update(5 + random.normal(0, 0.1)).drift).toBe(true);
    let lastFlag = 0;
    for (let i = 1; i < 300; i++) if (detector.update(5 + random.normal()).drift) lastFlag = i;
    expect(lastFlag).toBeLessThan(100);
    expect(Math.abs((detector.update(5).expected as number) - 5)).toBeLessThan(0.6);
  });

  it("uses the sd floor on a flat series, and resets", () => {
    const flat = new EwmaAnomalyDetector({ minSd: 0.5, warmup: 5 });
    for (let i = 0; i < 50; i++) flat.update(3);
    expect(flat.update(4).drift).toBe(false);
    expect(flat.update(5).drift).toBe(true);
    flat.reset();
    expect(flat.update(3).expected).toBeNull();
    expect(() => new EwmaAnomalyDetector({ alpha: 0 })).toThrow(RangeError);
  });
});
