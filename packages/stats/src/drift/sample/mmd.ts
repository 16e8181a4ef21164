import { uniformInt } from "pure-rand/distribution/uniformInt";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import { seededGenerator } from "../../random/seeded-generator.js";
import { finiteSample } from "./finite-sample.js";
import { medianPairwiseDistance } from "./median-pairwise-distance.js";
import type { SampleDriftResult } from "./sample-drift-result.js";

export interface MmdOptions {
  /** Number of label permutations for the p-value (default 200). 0 gives `p_value: null`. */
  permutations?: number;
  /** Seed of the generator used to subsample and permute (default 0; see `seededGenerator`). */
  seed?: number;
  /** At most this many values per sample are used, drawn without replacement (default 1000). */
  maxPerSample?: number;
  /** RBF bandwidth σ; default: the median heuristic on the pooled (subsampled) values. */
  bandwidth?: number;
  /** "unbiased" (U-statistic, default; may be slightly negative) or "biased" (V-statistic, >= 0). */
  estimator?: "unbiased" | "biased";
}

/** An MMD result: the MMD² estimate, its permutation p-value, and the bandwidth and sizes used. */
export interface MmdResult extends SampleDriftResult {
  bandwidth: number;
  /** Values used per sample after subsampling, `[reference, current]`. */
  used: number[];
}

/** Seeded draw of `k` of the values without replacement (partial Fisher–Yates); all when k >= n. */
function subsample(values: Float64Array, k: number, rng: RandomGenerator): Float64Array {
  if (values.length <= k) return values;
  const copy = values.slice();
  for (let i = 0; i < k; i++) {
    const j = uniformInt(rng, i, copy.length - 1);
    const t = copy[i]!;
    copy[i] = copy[j]!;
    copy[j] = t;
  }
  return copy.slice(0, k);
}

/** MMD² from the kernel matrix and a 0/1 label per pooled value (1 = reference). */
function mmdSquared(
  kernel: Float64Array,
  rowTotals: Float64Array,
  labels: Uint8Array,
  m: number,
  unbiased: boolean,
): number {
  const size = labels.length;
  const n = size - m;
  let sxx = 0;
  let syy = 0;
  let total = 0;
  for (let i = 0; i < size; i++) {
    const row = i * size;
    let inX = 0;
    for (let j = 0; j < size; j++) if (labels[j]) inX += kernel[row + j]!;
    if (labels[i]) sxx += inX;
    else syy += rowTotals[i]! - inX;
    total += rowTotals[i]!;
  }
  const sxy = (total - sxx - syy) / 2;
  if (!unbiased) return sxx / (m * m) + syy / (n * n) - (2 * sxy) / (m * n);
  // The diagonal (k(z, z) = 1) is excluded from the within-sample sums.
  return (sxx - m) / (m * (m - 1)) + (syy - n) / (n * (n - 1)) - (2 * sxy) / (m * n);
}

/**
 * Maximum mean discrepancy between two samples with the Gaussian (RBF) kernel
 * k(a, b) = exp(-(a - b)^2 / (2 σ^2)) (Gretton et al. 2012, "A kernel two-sample test", JMLR 13).
 * The statistic is the unbiased MMD²_u (or the biased V-statistic with `estimator: "biased"`).
 * σ defaults to the median heuristic: the median of |z_i - z_j| over pairs i < j of the pooled values
 * used (non-zero distances only if that median is 0; 1 if all values are equal).
 * Cost is O(n^2) in the pooled size, so each sample is first subsampled without replacement to
 * `maxPerSample` values (default 1000), seeded. The p-value is a permutation test on the pooled labels:
 * (#{permuted MMD² >= observed} + 1) / (permutations + 1), with `permutations` (default 200) seeded
 * shuffles from pure-rand's xoroshiro128+ seeded through SplitMix32 (`seed`, default 0; small seeds
 * give unbiased streams): the same inputs and options always give
 * the same result. Non-finite values are dropped first (counted in `dropped`); each sample needs at
 * least two finite values (RangeError naming the sample).
 *
 * @example
 * mmdTest([0, 0.1, 0.2, 0.3], [5, 5.1, 5.2, 5.3], { permutations: 99 }).p_value; // 0.02 (2 of the 70 relabellings are as extreme)
 */
export function mmdTest(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: MmdOptions = {},
): MmdResult {
  const x = finiteSample(reference, "reference", 2);
  const y = finiteSample(current, "current", 2);
  const permutations = options.permutations ?? 200;
  const cap = Math.max(2, options.maxPerSample ?? 1000);
  const rng = seededGenerator(options.seed ?? 0);
  const xs = subsample(x.values, cap, rng);
  const ys = subsample(y.values, cap, rng);
  const m = xs.length;
  const size = m + ys.length;
  const pooled = new Float64Array(size);
  pooled.set(xs, 0);
  pooled.set(ys, m);
  const bandwidth = options.bandwidth ?? medianPairwiseDistance(pooled.slice());
  if (!(bandwidth > 0 && Number.isFinite(bandwidth)))
    throw new RangeError("MMD bandwidth must be positive and finite");

  const gamma = 1 / (2 * bandwidth * bandwidth);
  const kernel = new Float64Array(size * size);
  const rowTotals = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    kernel[i * size + i] = 1;
    for (let j = i + 1; j < size; j++) {
      const d = pooled[i]! - pooled[j]!;
      const k = d === 0 ? 1 : Math.exp(-gamma * d * d);
      kernel[i * size + j] = k;
      kernel[j * size + i] = k;
    }
  }
  for (let i = 0; i < size; i++) {
    let s = 0;
    for (let j = 0; j < size; j++) s += kernel[i * size + j]!;
    rowTotals[i] = s;
  }
  const unbiased = (options.estimator ?? "unbiased") === "unbiased";
  const labels = new Uint8Array(size);
  labels.fill(1, 0, m);
  const statistic = mmdSquared(kernel, rowTotals, labels, m, unbiased);

  let pValue: number | null = null;
  if (permutations > 0) {
    let atLeast = 0;
    for (let p = 0; p < permutations; p++) {
      for (let i = size - 1; i > 0; i--) {
        const j = uniformInt(rng, 0, i);
        const t = labels[i]!;
        labels[i] = labels[j]!;
        labels[j] = t;
      }
      if (mmdSquared(kernel, rowTotals, labels, m, unbiased) >= statistic) atLeast++;
    }
    pValue = (atLeast + 1) / (permutations + 1);
  }
  return { statistic, p_value: pValue, dropped: [x.dropped, y.dropped], bandwidth, used: [m, size - m] };
}
