export type { PcaDriftModel, PcaDriftOptions, PcaDriftResult } from "./pca-drift.js";
export { fitPcaDrift, pcaReconstructionError } from "./pca-drift.js";
