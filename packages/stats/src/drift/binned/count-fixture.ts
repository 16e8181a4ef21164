import { loadFixture } from "../../internal/fixture.js";

/** One case of fixtures/drift_binned.json (written by fixtures/drift_binned.py). */
export interface CountCase {
  name: string;
  reference: number[];
  current: number[];
  chi_square: { statistic: number; p_value: number; df: number };
  g_test: { statistic: number; p_value: number; df: number };
  psi: number;
  kl_divergence: number;
  jensen_shannon: number;
  hellinger: number;
  total_variation: number;
  two_proportion_z?: { statistic: number; p_value: number };
  fisher_exact?: { statistic: number; p_value: number };
}

/** The count-vector fixture cases, for the tests of this folder. */
export function countCases(): CountCase[] {
  return loadFixture<CountCase>("drift_binned");
}
