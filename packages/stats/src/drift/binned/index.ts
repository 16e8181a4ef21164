export { kolmogorovSurvival } from "../../special/kolmogorov.js";
export {
  DRIFT_METHODS,
  type DriftMethod,
  EXACT_TEST_LIMIT,
  HIGH_CARDINALITY_LIMIT,
  isDriftMethod,
  LOW_CARDINALITY_LIMIT,
  type MethodSelection,
  type MethodSelectionInput,
  SMALL_SAMPLE_LIMIT,
  selectMethod,
} from "../method-selection.js";
export { type BinnedKsOptions, type BinnedKsResult, binnedKs } from "./binned-ks.js";
export {
  type BinnedWassersteinOptions,
  type BinnedWassersteinResult,
  binnedWasserstein,
} from "./binned-wasserstein.js";
export {
  type BinEdgesOptions,
  type BinningMethod,
  binEdges,
  type Histogram,
  type HistogramOptions,
  histogram,
} from "./binning.js";
export { chiSquare } from "./chi-square.js";
export { fisherExact } from "./fisher-exact.js";
export { gTest } from "./g-test.js";
export { hellinger } from "./hellinger.js";
export { jensenShannon } from "./jensen-shannon.js";
export { klDivergence } from "./kl-divergence.js";
export { chiSquareSurvival, type PowerDivergenceResult, powerDivergence } from "./power-divergence.js";
export { DEFAULT_EPSILON } from "./proportions.js";
export { psi, type SmoothingOptions } from "./psi.js";
export { type ReferenceHistogram, referenceHistogram } from "./reference-histogram.js";
export { type TopKCategories, topKCategories } from "./top-k-categories.js";
export { totalVariation } from "./total-variation.js";
export { twoProportionZ } from "./two-proportion-z.js";
export { weightedKs } from "./weighted-ks.js";
export { type SortedWeightedSample, sortWeightedSample } from "./weighted-sample.js";
export { type SampleWeights, type WeightedDriftResult, weightedWasserstein } from "./weighted-wasserstein.js";
