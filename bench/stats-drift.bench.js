// Each drift method on 1,000,000 vs 1,000,000 values, next to the same SciPy call on the same data in the
// same run (Debian's /usr/bin/python3). Binned methods are timed twice: "raw" rows include building both
// histograms from the raw values (10 reference-quantile bins: referenceHistogram for the reference, which
// finds the cuts and counts in one go, histogram for the current window) against np.quantile +
// np.histogram + the SciPy call; "counts" rows start from the two count vectors (what the engine does,
// since the store computes histograms) against the SciPy call on the same counts. Ratios are only
// comparable within one run: the machine may be shared.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as stats from "../packages/stats/dist/index.js";

const n = Number(process.env.BENCH_DRIFT_N ?? 1_000_000);
const random = new stats.RandomSource(42);
function normal(shift) {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = 1 - random.uniform();
    const v = random.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v) + shift;
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * v) + shift;
  }
  return out;
}
const ref = normal(0);
const cur = normal(0.05);

// Fastest of `repeat` samples of the time per call, each sample timing `inner` calls in a row (for
// sub-microsecond calls, which a single performance.now() pair cannot resolve). The minimum, not the
// median, because on a shared machine the other processes only ever add time. Results feed `sink`
// so that no call can be optimised away.
let sink = 0;
// Rows from raw values take ~10-150 ms a call: the fastest of 7 on both sides (3 for the sample
// methods, which take seconds in SciPy).
const RAW_REPEAT = 7;
function time(fn, repeat, inner = 1) {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    for (let j = 0; j < inner; j++) sink += fn().statistic;
    best = Math.min(best, (performance.now() - t) / inner);
  }
  return best;
}

const cuts = stats.binEdges(ref, { bins: 10 });
const refCounts = stats.histogram(ref, cuts).counts;
const curCounts = stats.histogram(cur, cuts).counts;
const range = [Math.min(...cuts, minOf(ref), minOf(cur)), Math.max(...cuts, maxOf(ref), maxOf(cur))];
function minOf(a) {
  let m = Number.POSITIVE_INFINITY;
  for (const v of a) if (v < m) m = v;
  return m;
}
function maxOf(a) {
  let m = Number.NEGATIVE_INFINITY;
  for (const v of a) if (v > m) m = v;
  return m;
}

const binnedMethods = {
  psi: (r, c) => stats.psi(r, c),
  chi_square: (r, c) => stats.chiSquare(r, c),
  g_test: (r, c) => stats.gTest(r, c),
  kl: (r, c) => stats.klDivergence(r, c),
  jensen_shannon: (r, c) => stats.jensenShannon(r, c),
  hellinger: (r, c) => stats.hellinger(r, c),
  total_variation: (r, c) => stats.totalVariation(r, c),
  binned_ks: (r, c) => stats.binnedKs(r, c),
  binned_wasserstein: (r, c, k) => stats.binnedWasserstein(r, c, { cuts: k, range }),
};

const node = {
  ks: () => stats.kolmogorovSmirnovTest(ref, cur),
  cramer_von_mises: () => stats.cramerVonMisesTest(ref, cur),
  anderson_darling: () => stats.andersonDarlingTest(ref, cur),
  mann_whitney: () => stats.mannWhitneyUTest(ref, cur),
  welch_t: () => stats.welchTTest(ref, cur),
  wasserstein: () => stats.wassersteinDistance(ref, cur),
  energy: () => stats.energyDistance(ref, cur),
};
for (const [name, method] of Object.entries(binnedMethods)) {
  node[`${name} (raw)`] = () => {
    const bins = stats.referenceHistogram(ref, { bins: 10 });
    return method(bins.counts, stats.histogram(cur, bins.cuts).counts, bins.cuts);
  };
}
for (const [name, method] of Object.entries(binnedMethods)) {
  node[`${name} (counts)`] = () => method(refCounts, curCounts, cuts);
}
// The binning alone, against two NumPy formulations: np.histogram on the quantile edges (what the
// "raw" rows use; for uneven bins NumPy sorts the values in blocks) and np.searchsorted + np.bincount
// (no sort: a faster formulation, not the usual one).
const binningOnly = () => {
  const bins = stats.referenceHistogram(ref, { bins: 10 });
  return { statistic: bins.counts[0] + stats.histogram(cur, bins.cuts).counts[0] };
};
node["binning only (raw) vs np.histogram"] = binningOnly;
node["binning only (raw) vs np.searchsorted + np.bincount"] = binningOnly;

const python = `
import sys, time, json, numpy as np
from scipy import stats, special
from scipy.spatial.distance import jensenshannon
ref = np.fromfile(sys.argv[1]); cur = np.fromfile(sys.argv[2])
lo, hi = float(sys.argv[4]), float(sys.argv[5])
def edges_of(ref):
    cuts = np.quantile(ref, np.linspace(0, 1, 11)[1:-1])
    return cuts, np.concatenate(([-np.inf], cuts, [np.inf]))
def psi(r, c, k):
    p = np.maximum(r / r.sum(), 1e-4); q = np.maximum(c / c.sum(), 1e-4)
    return np.sum((q - p) * np.log(q / p))
def smoothed(x):
    p = x / x.sum(); return np.where(p == 0, 1e-4, p)
def binned_ks(r, c, k):
    d = np.max(np.abs(np.cumsum(r) / r.sum() - np.cumsum(c) / c.sum()))
    n, m = r.sum(), c.sum()
    return d, special.kolmogorov(np.sqrt(n * m / (n + m)) * d)
def binned_wasserstein(r, c, k):
    e = np.concatenate(([lo], k, [hi])); mid = (e[:-1] + e[1:]) / 2
    return stats.wasserstein_distance(mid, mid, r, c)
binned = {
  "psi": psi,
  "chi_square": lambda r, c, k: stats.chisquare(c, r / r.sum() * c.sum()),
  "g_test": lambda r, c, k: stats.power_divergence(c, r / r.sum() * c.sum(), lambda_="log-likelihood"),
  "kl": lambda r, c, k: stats.entropy(smoothed(r), smoothed(c)),
  "jensen_shannon": lambda r, c, k: jensenshannon(r, c, base=2),
  "hellinger": lambda r, c, k: np.sqrt(0.5 * np.sum((np.sqrt(r / r.sum()) - np.sqrt(c / c.sum())) ** 2)),
  "total_variation": lambda r, c, k: 0.5 * np.sum(np.abs(r / r.sum() - c / c.sum())),
  "binned_ks": binned_ks,
  "binned_wasserstein": binned_wasserstein,
}
calls = {
  "ks": lambda: stats.ks_2samp(ref, cur),
  "cramer_von_mises": lambda: stats.cramervonmises_2samp(ref, cur),
  "anderson_darling": lambda: stats.anderson_ksamp([ref, cur]),
  "mann_whitney": lambda: stats.mannwhitneyu(ref, cur),
  "welch_t": lambda: stats.ttest_ind(ref, cur, equal_var=False),
  "wasserstein": lambda: stats.wasserstein_distance(ref, cur),
  "energy": lambda: stats.energy_distance(ref, cur),
}
def from_raw(f):
    def run():
        cuts, edges = edges_of(ref)
        r, _ = np.histogram(ref, edges); c, _ = np.histogram(cur, edges)
        return f(r.astype(float), c.astype(float), cuts)
    return run
def binning_histogram():
    cuts, edges = edges_of(ref)
    return np.histogram(ref, edges)[0], np.histogram(cur, edges)[0]
def binning_searchsorted():
    cuts, _ = edges_of(ref)
    k = len(cuts) + 1
    return (np.bincount(np.searchsorted(cuts, ref, side="left"), minlength=k),
            np.bincount(np.searchsorted(cuts, cur, side="left"), minlength=k))
calls["binning only (raw) vs np.histogram"] = binning_histogram
calls["binning only (raw) vs np.searchsorted + np.bincount"] = binning_searchsorted
cuts0, edges0 = edges_of(ref)
r0 = np.histogram(ref, edges0)[0].astype(float); c0 = np.histogram(cur, edges0)[0].astype(float)
for name, f in binned.items():
    calls[name + " (raw)"] = from_raw(f)
for name, f in binned.items():
    calls[name + " (counts)"] = (lambda f: lambda: f(r0, c0, cuts0))(f)
out = {}
for name, f in calls.items():
    ts = []
    # Calls on counts take microseconds: each of 11 samples times 1000 calls in a row.
    repeat, inner = (int(sys.argv[3]), 1) if "(counts)" not in name else (11, 1000)
    if "(raw)" in name: repeat = int(sys.argv[6])
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(inner): f()
        ts.append((time.perf_counter() - t) * 1000 / inner)
    out[name] = min(ts)
print(json.dumps(out))
`;

const dir = mkdtempSync(join(tmpdir(), "sl-bench-drift-"));
try {
  writeFileSync(join(dir, "ref.f64"), Buffer.from(ref.buffer));
  writeFileSync(join(dir, "cur.f64"), Buffer.from(cur.buffer));
  writeFileSync(join(dir, "bench.py"), python);
  const runScipy = () =>
    JSON.parse(
      execFileSync(
        "/usr/bin/python3",
        [
          join(dir, "bench.py"),
          join(dir, "ref.f64"),
          join(dir, "cur.f64"),
          "3",
          String(range[0]),
          String(range[1]),
          String(RAW_REPEAT),
        ],
        { encoding: "utf8", maxBuffer: 1 << 20, stdio: ["ignore", "pipe", "ignore"] },
      ),
    );
  const before = runScipy();
  const ours = Object.fromEntries(
    Object.entries(node).map(([name, fn]) => [
      name,
      name.endsWith("(counts)") ? time(fn, 11, 1000) : time(fn, name.includes("(raw)") ? RAW_REPEAT : 3),
    ]),
  );
  const after = runScipy();
  console.log(
    `drift methods on ${n.toLocaleString("en-US")} vs ${n.toLocaleString("en-US")} values (fastest of 3; raw rows: fastest of ${RAW_REPEAT}; counts rows: fastest of 11 runs of 1,000 calls; SciPy: the same repeats, fastest over one run before and one after Sightline's)`,
  );
  console.log("| method | Sightline ms | SciPy ms | SciPy / Sightline |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const [name, ms] of Object.entries(ours)) {
    const py = Math.min(before[name], after[name]);
    const digits = ms < 1 ? 4 : 1;
    console.log(`| ${name} | ${ms.toFixed(digits)} | ${py.toFixed(digits)} | ${(py / ms).toFixed(2)}x |`);
  }
  if (Number.isNaN(sink)) console.log("(a statistic was NaN)");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
