/**
 * Calibration study: how often do drift alarms fire when nothing that matters changed, as the sample
 * size grows? Not part of the test suite. Run from packages/stats:
 *
 *   npx tsx study/calibration-study.ts            # the full study (~19 min on one core)
 *   npx tsx study/calibration-study.ts --quick    # a smoke run (seconds)
 *
 * For each n, each repetition draws a reference and a current sample of n rows each from ONE
 * distribution (standard normal, or lognormal(0, 1)), then shifts the current sample by 0, 0.01, 0.1
 * and 0.25 reference sd (common random numbers: the same draws shifted). Three alarm rules:
 *   (a) raw two-sample KS p < 0.05;
 *   (b) normalised Wasserstein distance (W1 / reference sd) above a threshold calibrated from the
 *       reference alone: the 0.95 quantile of B bootstrap draws of W(reference*, current*), both
 *       resampled from the reference at size n (calibrateFromReference, resampleReference: true);
 *   (c) the same with a minimum effect of 0.05 (5% of a reference sd): threshold = max(b, 0.05).
 * It prints a Markdown table of alarm rates per rule and shift, one row per (n, distribution, rule).
 */
import { kolmogorovSmirnovTest, normalizedWassersteinDistance } from "../src/drift/sample/index.js";
import { RandomSource } from "../src/random/index.js";
import { calibrateFromReference } from "../src/thresholds/index.js";

interface SizePlan {
  n: number;
  repetitions: number;
  iterations: number;
}

const quick = process.argv.includes("--quick");
const plans: SizePlan[] = quick
  ? [
      { n: 1_000, repetitions: 20, iterations: 50 },
      { n: 10_000, repetitions: 5, iterations: 20 },
    ]
  : [
      { n: 1_000, repetitions: 200, iterations: 200 },
      { n: 10_000, repetitions: 200, iterations: 100 },
      { n: 100_000, repetitions: 50, iterations: 100 },
      { n: 1_000_000, repetitions: 10, iterations: 50 },
    ];
const SHIFTS = [0, 0.01, 0.1, 0.25];
const ALPHA = 0.05;
const MIN_EFFECT = 0.05;
const LOGNORMAL_SD = Math.sqrt((Math.E - 1) * Math.E);
const distributions = [
  { name: "normal(0, 1)", sd: 1, draw: (r: RandomSource) => r.normal() },
  { name: "lognormal(0, 1)", sd: LOGNORMAL_SD, draw: (r: RandomSource) => Math.exp(r.normal()) },
];
const rules = ["KS p < 0.05", "calibrated W (q 0.95)", `calibrated W, min effect ${MIN_EFFECT}`] as const;

const normalisedW = (reference: Float64Array, current: Float64Array) =>
  normalizedWassersteinDistance(reference, current).statistic;

function percent(count: number, total: number): string {
  return `${((100 * count) / total).toFixed(1)}%`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

console.log(
  `| n | distribution | reps | B | rule | ${SHIFTS.map((s) => `shift ${s} sd`).join(" | ")} | median threshold |`,
);
console.log(`|---|---|---|---|---|${SHIFTS.map(() => "---").join("|")}|---|`);
const started = Date.now();
for (const plan of plans) {
  for (const [d, distribution] of distributions.entries()) {
    const alarms = rules.map(() => SHIFTS.map(() => 0));
    const thresholds: number[] = [];
    for (let rep = 0; rep < plan.repetitions; rep++) {
      const random = new RandomSource(plan.n * 10 + d * 1_000_003 + rep);
      const reference = Float64Array.from({ length: plan.n }, () => distribution.draw(random));
      const base = Float64Array.from({ length: plan.n }, () => distribution.draw(random));
      const calibrated = calibrateFromReference(reference, normalisedW, {
        currentSize: plan.n,
        method: "bootstrap",
        rule: { kind: "quantile", q: 1 - ALPHA },
        iterations: plan.iterations,
        seed: rep,
        resampleReference: true,
      });
      thresholds.push(calibrated.calibrated);
      for (const [s, shift] of SHIFTS.entries()) {
        const current = base.map((x) => x + shift * distribution.sd);
        const ks = kolmogorovSmirnovTest(reference, current);
        const w = normalisedW(reference, current);
        const fired = [
          (ks.p_value as number) < ALPHA,
          w > calibrated.calibrated,
          w > Math.max(calibrated.calibrated, MIN_EFFECT),
        ];
        fired.forEach((f, r) => {
          if (f) (alarms[r] as number[])[s] = ((alarms[r] as number[])[s] as number) + 1;
        });
      }
    }
    for (const [r, rule] of rules.entries()) {
      const rates = (alarms[r] as number[]).map((c) => percent(c, plan.repetitions));
      const threshold =
        r === 0
          ? "p < 0.05"
          : (r === 1 ? median(thresholds) : Math.max(median(thresholds), MIN_EFFECT)).toPrecision(3);
      console.log(
        `| ${plan.n.toLocaleString("en-US")} | ${distribution.name} | ${plan.repetitions} | ${plan.iterations} | ${rule} | ${rates.join(" | ")} | ${threshold} |`,
      );
    }
  }
}
console.log(`\nTotal time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
