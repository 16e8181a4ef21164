import { describe, expect, it } from "vitest";
import { RandomSource } from "../random/random-source.js";
import { Adwin } from "./adwin.js";
import { Cusum } from "./cusum.js";
import { Ddm } from "./ddm.js";
import { PageHinkley } from "./page-hinkley.js";

interface Detector {
  update(x: number): { drift: boolean };
  reset(): void;
}

const N = 100_000;

function normalStream(seed: number, length: number, shiftAt = length, shift = 0): Float64Array {
  const random = new RandomSource(seed);
  return Float64Array.from({ length }, (_, i) => random.normal(i >= shiftAt ? shift : 0));
}

function countDrifts(detector: Detector, stream: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < stream.length; i++) if (detector.update(stream[i] as number).drift) count++;
  return count;
}

// Delay from the change point to the first drift at or after it (Infinity when never detected).
function detectionDelay(detector: Detector, stream: ArrayLike<number>, changeAt: number): number {
  for (let i = 0; i < stream.length; i++) {
    if (detector.update(stream[i] as number).drift && i >= changeAt) return i - changeAt;
  }
  return Number.POSITIVE_INFINITY;
}

const stationary = normalStream(1, N);

// False-alarm bounds on 100,000 N(0, 1) points. Measured on seeds 1-4 while writing: ADWIN 0;
// Page–Hinkley (alpha 1, delta 0.25 sd, lambda 25 sd) 0-1; CUSUM h = 10 sd: 1-2 (Siegmund's
// approximation gives a two-sided ARL0 of ~70,000, so ~1.4 expected); CUSUM h = 5 sd: 204-224 (ARL0
// ~470, so ~213). With River's defaults (alpha 0.9999, delta 0.005, lambda 50) Page–Hinkley alarms
// ~60 times on this unit-variance stream: those defaults suit low-noise streams, so set delta and
// lambda in units of the stream's sd.
describe("no drift on a long stationary stream", () => {
  it("ADWIN (delta 0.002): at most 1 false alarm in 100k points", () => {
    expect(countDrifts(new Adwin(), stationary)).toBeLessThanOrEqual(1);
  });

  it("Page–Hinkley (alpha 1, delta 0.25, lambda 25): at most 1 false alarm in 100k points", () => {
    expect(
      countDrifts(new PageHinkley({ alpha: 1, delta: 0.25, threshold: 25 }), stationary),
    ).toBeLessThanOrEqual(1);
  });

  it("CUSUM (k 0.5, h 10): at most 6 false alarms in 100k points", () => {
    expect(countDrifts(new Cusum({ mean: 0, sd: 1, h: 10 }), stationary)).toBeLessThanOrEqual(6);
  });

  it("CUSUM (k 0.5, h 5) alarms at the rate its ARL0 of ~470 predicts (150..290 in 100k)", () => {
    const count = countDrifts(new Cusum({ mean: 0, sd: 1 }), stationary);
    expect(count).toBeGreaterThan(150);
    expect(count).toBeLessThan(290);
  });

  // DDM's minimum p + s tightens as n grows, so it does false-alarm now and then on long streams:
  // seeds 1-20 gave 0-5 drifts per 100k (mean 1.1).
  it("DDM: at most 8 false drifts on 100k Bernoulli(0.1) errors", () => {
    const random = new RandomSource(7);
    const ddm = new Ddm();
    let drifts = 0;
    for (let i = 0; i < N; i++) if (ddm.update(random.uniform() < 0.1).drift) drifts++;
    expect(drifts).toBeLessThanOrEqual(8);
  });
});

// Delays measured over seeds 100-119 while writing (min / max / mean): a 1 sd shift: ADWIN 23/55/52,
// CUSUM h 10 6/41/20, PH 14/54/34; a 0.5 sd shift: ADWIN 55/215/124, PH 22/221/100. Bounds ~1.5-3x the max.
describe("a mean shift is detected within a stated delay", () => {
  const seeds = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109];
  const cases: Array<[string, () => Detector, number, number]> = [
    ["ADWIN, 1 sd shift, within 120 points", () => new Adwin(), 1, 120],
    ["ADWIN, 0.5 sd shift, within 600 points", () => new Adwin(), 0.5, 600],
    ["CUSUM (h 10), 1 sd shift, within 60 points", () => new Cusum({ mean: 0, sd: 1, h: 10 }), 1, 60],
    [
      "Page–Hinkley, 1 sd shift, within 100 points",
      () => new PageHinkley({ alpha: 1, delta: 0.25, threshold: 25 }),
      1,
      100,
    ],
    [
      "Page–Hinkley, 0.5 sd shift, within 600 points",
      () => new PageHinkley({ alpha: 1, delta: 0.25, threshold: 25 }),
      0.5,
      600,
    ],
  ];
  for (const [name, make, shift, bound] of cases) {
    it(name, () => {
      for (const seed of seeds) {
        const delay = detectionDelay(make(), normalStream(seed, 8000, 5000, shift), 5000);
        expect(delay, `seed ${seed}`).toBeLessThanOrEqual(bound);
      }
    });
  }

  it("detects a downward shift too (CUSUM and Page–Hinkley are two-sided)", () => {
    const stream = normalStream(3, 4000, 2000, -1);
    expect(detectionDelay(new Cusum({ mean: 0, sd: 1, h: 10 }), stream, 2000)).toBeLessThanOrEqual(60);
    expect(
      detectionDelay(new PageHinkley({ alpha: 1, delta: 0.25, threshold: 25 }), stream, 2000),
    ).toBeLessThan(100);
  });
});

// DDM on errors whose rate jumps from 0.1 to 0.3 at point 1000. Measured over seeds 200-219: delays
// 12..517, mean ~150; the bound is 800. A warning comes at or before the drift.
describe("DDM on a Bernoulli error stream", () => {
  it("detects a jump of the error rate from 0.1 to 0.3, warning first", () => {
    for (let seed = 200; seed < 210; seed++) {
      const random = new RandomSource(seed);
      const ddm = new Ddm();
      let drift = -1;
      let firstWarning = -1;
      for (let i = 0; i < 20_000 && drift < 0; i++) {
        const u = ddm.update(random.uniform() < (i >= 1000 ? 0.3 : 0.1));
        if (i >= 1000 && u.warning && firstWarning < 0) firstWarning = i;
        if (i >= 1000 && u.drift) drift = i;
      }
      expect(drift - 1000, `seed ${seed}`).toBeGreaterThanOrEqual(0);
      expect(drift - 1000, `seed ${seed}`).toBeLessThanOrEqual(800);
      expect(firstWarning >= 0 && firstWarning <= drift, `seed ${seed}`).toBe(true);
    }
  });

  it("never warns or drifts before 30 instances, nor on a stream without errors", () => {
    const ddm = new Ddm();
    for (let i = 0; i < 30; i++) expect(ddm.update(1)).toMatchObject({ drift: false, warning: false });
    const clean = new Ddm();
    for (let i = 0; i < 1000; i++) expect(clean.update(false).drift).toBe(false);
  });

  it("reports the error rate and its binomial sd", () => {
    const ddm = new Ddm();
    for (let i = 0; i < 9; i++) ddm.update(i % 3 === 0);
    const u = ddm.update(0);
    expect(u.n).toBe(10);
    expect(u.error_rate).toBeCloseTo(0.3, 15);
    expect(u.sd).toBeCloseTo(Math.sqrt((0.3 * 0.7) / 10), 15);
  });
});

describe("ADWIN window and memory", () => {
  it("keeps O(log n) buckets and cuts the window to the new regime after a shift", () => {
    const adwin = new Adwin();
    const stream = normalStream(11, 20_000, 10_000, 2);
    let width = 0;
    let mean = 0;
    for (const x of stream) ({ width, mean } = adwin.update(x));
    expect(adwin.bucketCount).toBeLessThanOrEqual(6 * Math.ceil(Math.log2(20_000)));
    // The window keeps at most the one bucket that straddles the change (measured: 16 old values).
    expect(width).toBeLessThan(10_100);
    expect(width).toBeGreaterThan(5_000);
    expect(Math.abs(mean - 2)).toBeLessThan(0.1);
  });

  it("matches the exact mean and variance of its window", () => {
    const adwin = new Adwin();
    const stream = normalStream(12, 3000);
    let last = adwin.update(0);
    adwin.reset();
    for (const x of stream) last = adwin.update(x);
    expect(last.width).toBe(3000);
    const mean = stream.reduce((s, x) => s + x, 0) / stream.length;
    const variance = stream.reduce((s, x) => s + (x - mean) ** 2, 0) / stream.length;
    expect(last.mean).toBeCloseTo(mean, 12);
    expect(last.variance).toBeCloseTo(variance, 10);
  });
});

describe("detectors are deterministic and reset", () => {
  it("gives the same outputs after reset() as a fresh detector", () => {
    const stream = normalStream(13, 3000, 1500, 1);
    const makers: Array<() => Detector> = [
      () => new Adwin(),
      () => new PageHinkley({ alpha: 1, delta: 0.25, threshold: 25 }),
      () => new Cusum({ mean: 0, sd: 1 }),
    ];
    for (const make of makers) {
      const used = make();
      for (const x of normalStream(14, 500)) used.update(x);
      used.reset();
      const fresh = make();
      for (const x of stream) expect(used.update(x)).toEqual(fresh.update(x));
    }
  });

  it("ignores non-finite values", () => {
    const cusum = new Cusum({ mean: 0, sd: 1 });
    cusum.update(2);
    expect(cusum.update(Number.NaN)).toEqual({ drift: false, direction: null, upper: 1.5, lower: 0 });
    const ph = new PageHinkley();
    ph.update(1);
    expect(ph.update(Number.POSITIVE_INFINITY).n).toBe(1);
    const adwin = new Adwin();
    adwin.update(1);
    expect(adwin.update(Number.NaN).width).toBe(1);
  });
});
