/**
 * Calibration study: how often do drift alarms fire when nothing that matters changed, as the sample
 * size grows? Not part of the test suite. Run from packages/stats:
 *
 *   npx tsx study/calibration-study.ts            # the full study (~19 min on one core)
 *   npx tsx study/calibration-study.ts --quick    # a smoke run (seconds)
 *   npx tsx study/calibration-study.ts --lognormal-null   # only lognormal, no shift, many repetitions
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
 *
 * `--lognormal-null` reruns only the case whose false-alarm rate looked high (lognormal, shift 0,
 * calibrated W) with more repetitions, same seeds as the full study for the repetitions they share,
 * and prints per n: the alarm rate with a Wilson 95% interval, the rate expected from a quantile of
 * B draws alone, and the true 0.95 quantile of W under the null (over the repetitions) against the
 * median calibrated threshold, which tells a biased bootstrap from binomial noise.
 */
import { kolmogorovSmirnovTest, normalizedWassersteinDistance } from "../src/drift/sample/index.js";
import { RandomSource } from "../src/random/index.js";
import { calibrateFromReference } from "../src/thresholds/index.js";

interface SizePlan {
  n: number;
  repetitions: number;
  iterations: number;
  /** First repetition (seed offset); > 0 to add repetitions to an earlier run's. */
  firstRep?: number;
}

const quick = process.argv.includes("--quick");
const lognormalNull = process.argv.includes("--lognormal-null");
// `--n=100000` runs one size of the plan only.
const onlyN = Number(process.argv.find((a) => a.startsWith("--n="))?.slice(4) ?? Number.NaN);
const plans: SizePlan[] = lognormalNull
  ? [
      { n: 10_000, repetitions: 400, iterations: 100 },
      // Repetitions 50..109: new ones, on top of the full study's 0..49.
      { n: 100_000, repetitions: 60, iterations: 100, firstRep: 50 },
    ]
  : quick
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

if (lognormalNull) {
  runLognormalNull();
  process.exit(0);
}

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

function wilson(count: number, total: number): string {
  const z = 1.96;
  const p = count / total;
  const centre = (p + (z * z) / (2 * total)) / (1 + (z * z) / total);
  const half =
    (z / (1 + (z * z) / total)) * Math.sqrt((p * (1 - p)) / total + (z * z) / (4 * total * total)) * 100;
  return `${(centre * 100 - half).toFixed(1)}–${(centre * 100 + half).toFixed(1)}%`;
}

// The expected alarm rate of "new draw > linear-interpolated 0.95 quantile of B exchangeable draws":
// with h = (B - 1) q, the threshold lies between order statistics floor(h) + 1 and floor(h) + 2
// (1-based), exceeded with probability (B - floor(h)) / (B + 1) and (B - floor(h) - 1) / (B + 1).
function expectedRate(b: number, q: number): number {
  const h = (b - 1) * q;
  const lo = Math.floor(h);
  const t = h - lo;
  return (1 - t) * ((b - lo) / (b + 1)) + t * ((b - lo - 1) / (b + 1));
}

function runLognormalNull(): void {
  const d = 1;
  const distribution = distributions[d] as (typeof distributions)[number];
  console.log(
    "| n | repetitions | B | false alarms | rate (95% CI) | expected from B alone | true null W q0.95 | median calibrated threshold | time |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  const started = Date.now();
  for (const plan of plans) {
    if (!Number.isNaN(onlyN) && plan.n !== onlyN) continue;
    const planStarted = Date.now();
    let alarms = 0;
    const thresholds: number[] = [];
    const nullW: number[] = [];
    const firstRep = plan.firstRep ?? 0;
    for (let rep = firstRep; rep < firstRep + plan.repetitions; rep++) {
      const random = new RandomSource(plan.n * 10 + d * 1_000_003 + rep);
      const reference = Float64Array.from({ length: plan.n }, () => distribution.draw(random));
      const current = Float64Array.from({ length: plan.n }, () => distribution.draw(random));
      const calibrated = calibrateFromReference(
        reference,
        (a, b) => normalizedWassersteinDistance(a, b).statistic,
        {
          currentSize: plan.n,
          method: "bootstrap",
          rule: { kind: "quantile", q: 1 - ALPHA },
          iterations: plan.iterations,
          seed: rep,
          resampleReference: true,
        },
      );
      const w = normalizedWassersteinDistance(reference, current).statistic;
      thresholds.push(calibrated.calibrated);
      nullW.push(w);
      if (w > calibrated.calibrated) alarms++;
    }
    const sortedW = [...nullW].sort((a, b) => a - b);
    const trueQ = sortedW[Math.floor(0.95 * (sortedW.length - 1))] as number;
    console.log(
      `| ${plan.n.toLocaleString("en-US")} | ${firstRep}–${firstRep + plan.repetitions - 1} | ${plan.iterations} | ${alarms} | ${percent(alarms, plan.repetitions)} (${wilson(alarms, plan.repetitions)}) | ${(100 * expectedRate(plan.iterations, 1 - ALPHA)).toFixed(1)}% | ${trueQ.toPrecision(3)} | ${median(thresholds).toPrecision(3)} | ${((Date.now() - planStarted) / 1000).toFixed(0)} s |`,
    );
  }
  console.log(`\nTotal time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
