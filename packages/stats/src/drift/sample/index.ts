export { andersonDarlingKSample, andersonDarlingTest } from "./anderson-darling.js";
export {
  type CramerVonMisesMethod,
  type CramerVonMisesOptions,
  cramerVonMisesTest,
} from "./cramer-von-mises.js";
export { energyDistance } from "./energy-distance.js";
export { type KsMethod, type KsOptions, kolmogorovSmirnovTest } from "./ks.js";
export { type MannWhitneyMethod, type MannWhitneyOptions, mannWhitneyUTest } from "./mann-whitney.js";
export { type MmdOptions, type MmdResult, mmdTest } from "./mmd.js";
export type { SampleDriftResult } from "./sample-drift-result.js";
export { normalizedWassersteinDistance, type SampleWeights, wassersteinDistance } from "./wasserstein.js";
export { welchTTest } from "./welch-t.js";
