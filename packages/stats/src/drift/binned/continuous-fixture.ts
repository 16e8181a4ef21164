import { loadFixture } from "../../internal/fixture.js";

/** The cases of fixtures/drift_binned_continuous.json (written by drift_binned_continuous.py). */
export type ContinuousCase =
  | {
      kind: "edges";
      name: string;
      sample: number[];
      results: { bins: number; method: "quantile" | "equal-width"; cuts: number[] }[];
    }
  | { kind: "histogram"; name: string; values: number[]; cuts: number[]; counts: number[]; nan_count: number }
  | { kind: "kolmogorov"; name: string; x: number; sf: number }
  | {
      kind: "binned";
      name: string;
      dataset: string;
      bins: number;
      cuts: number[];
      reference_counts: number[];
      current_counts: number[];
      range: [number, number];
      reference_means: number[];
      current_means: number[];
      binned_ks: number;
      binned_ks_p: number;
      ks_bound: number;
      exact_ks: number;
      binned_wasserstein_midpoints: number;
      binned_wasserstein_means: number;
      wasserstein_bound: number;
      exact_wasserstein: number;
    }
  | { kind: "dataset"; name: string; reference: number[]; current: number[] }
  | {
      kind: "weighted";
      name: string;
      reference: number[];
      current: number[];
      reference_weights: number[];
      current_weights: number[];
      wasserstein: number;
      ks: number;
      ks_p: number;
      ks_2samp?: number;
    };

/** The fixture cases of one kind. */
export function continuousCases<K extends ContinuousCase["kind"]>(
  kind: K,
): Extract<ContinuousCase, { kind: K }>[] {
  return loadFixture<ContinuousCase>("drift_binned_continuous").filter(
    (c): c is Extract<ContinuousCase, { kind: K }> => c.kind === kind,
  );
}
