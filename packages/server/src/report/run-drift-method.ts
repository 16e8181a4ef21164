import {
  andersonDarlingTest,
  binnedKs,
  binnedWasserstein,
  chiSquare,
  cramerVonMisesTest,
  type DriftMethod,
  type DriftTestResult,
  energyDistance,
  fisherExact,
  gTest,
  hellinger,
  jensenShannon,
  klDivergence,
  kolmogorovSmirnovTest,
  mannWhitneyUTest,
  mmdTest,
  normalizedWassersteinDistance,
  psi,
  totalVariation,
  twoProportionZ,
  welchTTest,
} from "@sightline/stats";

/** Methods that need the raw numeric values of both windows. */
export const SAMPLE_METHODS: ReadonlySet<DriftMethod> = new Set<DriftMethod>([
  "ks",
  "cramer-von-mises",
  "anderson-darling",
  "mann-whitney",
  "welch-t",
  "wasserstein",
  "energy",
  "mmd",
]);

/** Count methods defined only on two categories. */
export const BINARY_METHODS: ReadonlySet<DriftMethod> = new Set<DriftMethod>([
  "two-proportion-z",
  "fisher-exact",
]);

/** Count methods that need numeric bins (cut points), not categories. */
export const BINNED_NUMERIC_METHODS: ReadonlySet<DriftMethod> = new Set<DriftMethod>([
  "binned-ks",
  "binned-wasserstein",
]);

/**
 * Runs a raw-sample method on two numeric samples. `wasserstein` is the normalised distance
 * (divided by the reference standard deviation), so one threshold fits every feature.
 *
 * @example
 * runSampleMethod("ks", Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6)); // { statistic: 1, p_value: 0.1 }
 */
export function runSampleMethod(
  method: DriftMethod,
  reference: Float64Array,
  current: Float64Array,
): DriftTestResult {
  const result = sampleResult(method, reference, current);
  return { statistic: result.statistic, p_value: result.p_value };
}

function sampleResult(method: DriftMethod, reference: Float64Array, current: Float64Array): DriftTestResult {
  switch (method) {
    case "ks":
      return kolmogorovSmirnovTest(reference, current);
    case "cramer-von-mises":
      return cramerVonMisesTest(reference, current);
    case "anderson-darling":
      return andersonDarlingTest(reference, current);
    case "mann-whitney":
      return mannWhitneyUTest(reference, current);
    case "welch-t":
      return welchTTest(reference, current);
    case "wasserstein":
      return normalizedWassersteinDistance(reference, current);
    case "energy":
      return energyDistance(reference, current);
    case "mmd":
      return mmdTest(reference, current);
    default:
      throw new RangeError(`${method} is not a raw-sample method`);
  }
}

/** What the binned numeric methods need besides the counts: the bins and the data. */
export interface NumericBins {
  /** Interior cut points the counts were made with. */
  cuts: ArrayLike<number>;
  /** [min, max] over both windows. */
  range: readonly [number, number];
  referenceMeans: ArrayLike<number>;
  currentMeans: ArrayLike<number>;
  /** Population standard deviation of the reference, to normalise the binned Wasserstein distance. */
  referenceStd: number;
}

/**
 * Runs a count method on two count vectors over the same categories or bins. `binned-ks` and
 * `binned-wasserstein` also need `bins`; `binned-wasserstein` is divided by the reference standard
 * deviation, as the raw-sample `wasserstein`.
 *
 * @example
 * runCountMethod("psi", [25, 25, 25, 25], [10, 20, 30, 40]); // { statistic: 0.228..., p_value: null }
 */
export function runCountMethod(
  method: DriftMethod,
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  bins?: NumericBins,
): DriftTestResult {
  switch (method) {
    case "chi-square":
      return strip(chiSquare(reference, current));
    case "g-test":
      return strip(gTest(reference, current));
    case "two-proportion-z":
      return twoProportionZ(reference, current);
    case "fisher-exact":
      return fisherExact(reference, current);
    case "psi":
      return psi(reference, current);
    case "kl-divergence":
      return klDivergence(reference, current);
    case "jensen-shannon":
      return jensenShannon(reference, current);
    case "hellinger":
      return hellinger(reference, current);
    case "total-variation":
      return totalVariation(reference, current);
    case "binned-ks":
      return strip(binnedKs(reference, current));
    case "binned-wasserstein": {
      if (bins === undefined) throw new RangeError("binned-wasserstein needs numeric bins");
      const { statistic } = binnedWasserstein(reference, current, {
        cuts: bins.cuts,
        range: bins.range,
        referenceMeans: bins.referenceMeans,
        currentMeans: bins.currentMeans,
      });
      const sd = bins.referenceStd;
      return {
        statistic: sd > 0 ? statistic / sd : statistic === 0 ? 0 : Number.POSITIVE_INFINITY,
        p_value: null,
      };
    }
    default:
      throw new RangeError(`${method} is not a count method`);
  }
}

function strip(result: DriftTestResult): DriftTestResult {
  return { statistic: result.statistic, p_value: result.p_value };
}
