// Each drift method on 1,000,000 vs 1,000,000 values, next to the same SciPy call on the same data in the
// same run (Debian's /usr/bin/python3). Binned methods include building both histograms from raw values,
// against NumPy's histogram + the SciPy distance.
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

function time(fn, repeat = 3) {
  const times = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(repeat / 2)];
}

function binned(method) {
  return () => {
    const cuts = stats.binEdges(ref, { bins: 10 });
    method(stats.histogram(ref, cuts).counts, stats.histogram(cur, cuts).counts);
  };
}

const node = {
  ks: () => stats.kolmogorovSmirnovTest(ref, cur),
  cramer_von_mises: () => stats.cramerVonMisesTest(ref, cur),
  anderson_darling: () => stats.andersonDarlingTest(ref, cur),
  mann_whitney: () => stats.mannWhitneyUTest(ref, cur),
  welch_t: () => stats.welchTTest(ref, cur),
  wasserstein: () => stats.wassersteinDistance(ref, cur),
  energy: () => stats.energyDistance(ref, cur),
  psi_binned: binned(stats.psi),
  jensen_shannon_binned: binned(stats.jensenShannon),
  chi_square_binned: binned(stats.chiSquare),
  hellinger_binned: binned(stats.hellinger),
};

const python = `
import sys, time, json, numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon
ref = np.fromfile(sys.argv[1]); cur = np.fromfile(sys.argv[2])
def binned(f):
    def run():
        cuts = np.quantile(ref, np.linspace(0, 1, 11)[1:-1])
        edges = np.concatenate(([-np.inf], cuts, [np.inf]))
        r, _ = np.histogram(ref, edges); c, _ = np.histogram(cur, edges)
        return f(r.astype(float), c.astype(float))
    return run
def psi(r, c):
    p = np.maximum(r / r.sum(), 1e-4); q = np.maximum(c / c.sum(), 1e-4)
    return np.sum((q - p) * np.log(q / p))
calls = {
  "ks": lambda: stats.ks_2samp(ref, cur),
  "cramer_von_mises": lambda: stats.cramervonmises_2samp(ref, cur),
  "anderson_darling": lambda: stats.anderson_ksamp([ref, cur]),
  "mann_whitney": lambda: stats.mannwhitneyu(ref, cur),
  "welch_t": lambda: stats.ttest_ind(ref, cur, equal_var=False),
  "wasserstein": lambda: stats.wasserstein_distance(ref, cur),
  "energy": lambda: stats.energy_distance(ref, cur),
  "psi_binned": binned(psi),
  "jensen_shannon_binned": binned(lambda r, c: jensenshannon(r, c, base=2)),
  "chi_square_binned": binned(lambda r, c: stats.chisquare(c, r / r.sum() * c.sum())),
  "hellinger_binned": binned(lambda r, c: np.sqrt(0.5 * np.sum((np.sqrt(r / r.sum()) - np.sqrt(c / c.sum())) ** 2))),
}
out = {}
for name, f in calls.items():
    ts = []
    for _ in range(int(sys.argv[3])):
        t = time.perf_counter(); f(); ts.append((time.perf_counter() - t) * 1000)
    out[name] = sorted(ts)[len(ts) // 2]
print(json.dumps(out))
`;

const dir = mkdtempSync(join(tmpdir(), "sl-bench-drift-"));
try {
  writeFileSync(join(dir, "ref.f64"), Buffer.from(ref.buffer));
  writeFileSync(join(dir, "cur.f64"), Buffer.from(cur.buffer));
  writeFileSync(join(dir, "bench.py"), python);
  const scipy = JSON.parse(
    execFileSync(
      "/usr/bin/python3",
      [join(dir, "bench.py"), join(dir, "ref.f64"), join(dir, "cur.f64"), "3"],
      {
        encoding: "utf8",
        maxBuffer: 1 << 20,
      },
    ),
  );
  console.log(
    `drift methods on ${n.toLocaleString("en-US")} vs ${n.toLocaleString("en-US")} values (median of 3)`,
  );
  console.log("| method | Sightline ms | SciPy ms | SciPy / Sightline |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const [name, fn] of Object.entries(node)) {
    const ms = time(fn);
    const py = scipy[name];
    console.log(`| ${name} | ${ms.toFixed(1)} | ${py.toFixed(1)} | ${(py / ms).toFixed(2)}x |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
