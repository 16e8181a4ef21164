import { describe, expect, it } from "vitest";
import { loadFixture } from "../internal/fixture.js";
import { rocAuc } from "./roc-auc.js";
import { binnedRocAuc, scoreHistograms } from "./roc-auc-binned.js";

interface Sample {
  kind: string;
  scores: number[];
  labels: number[];
}

// Realistic scores: the CBPE fixture's LogisticRegression probabilities, a 3,000-row reference split
// and ten 500-row windows.
const samples = loadFixture<Sample>("cbpe");
const reference = samples.find((c) => c.kind === "reference")!;
const windows = samples.filter((c) => c.kind === "chunk");
const equalWidth = (bins: number): number[] => Array.from({ length: bins + 1 }, (_, i) => i / bins);

function binnedError(sample: Sample, bins: number): { error: number; bound: number } {
  const h = scoreHistograms(sample.labels, sample.scores, equalWidth(bins));
  const binned = binnedRocAuc(h.positives, h.negatives);
  return { error: Math.abs(binned.rocAuc - rocAuc(sample.labels, sample.scores)), bound: binned.maxError };
}

describe("binnedRocAuc (trapezoid over shared score bins) vs exact rocAuc", () => {
  // Stated errors on these scores: below 1e-3 on the reference with 20 or 100 equal-width bins, below
  // 5e-3 on every 500-row window; always within the proven bound ½ Σ P_b N_b / (P N).
  for (const bins of [20, 100]) {
    it(`${bins} equal-width bins`, () => {
      const r = binnedError(reference, bins);
      const w = windows.map((s) => binnedError(s, bins));
      const worst = Math.max(...w.map((x) => x.error));
      console.info(
        `${bins} bins: reference error ${r.error.toExponential(2)} (bound ${r.bound.toExponential(2)}), worst window ${worst.toExponential(2)}`,
      );
      expect(r.error).toBeLessThan(1e-3);
      expect(worst).toBeLessThan(5e-3);
      for (const x of [r, ...w]) expect(x.error).toBeLessThanOrEqual(x.bound);
    });
  }

  it("equals the exact ROC AUC when every distinct score has its own bin", () => {
    const scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.1];
    const labels = [0, 0, 1, 1, 1, 0];
    const h = scoreHistograms(labels, scores, [0, 0.2, 0.37, 0.45, 0.9]);
    expect(binnedRocAuc(h.positives, h.negatives).rocAuc).toBeCloseTo(rocAuc(labels, scores), 15);
  });

  it("puts edge values in the upper bin and clips outside values", () => {
    const h = scoreHistograms([1, 0, 1, 0], [0.5, -1, 1, 2], [0, 0.5, 1]);
    expect(h.positives).toEqual([0, 2]);
    expect(h.negatives).toEqual([1, 1]);
  });

  it("matches its doc example", () => {
    expect(binnedRocAuc([0, 2, 3], [3, 1, 0])).toEqual({ rocAuc: 0.95, maxError: 0.05 });
  });
});
