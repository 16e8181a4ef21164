import type { Check } from "../check.js";

/** The verdict on one model: retrain now, keep an eye on it, all fine, or too little data to tell. */
export type Verdict = "retrain" | "watch" | "ok" | "insufficient_data";

/** One reason behind a verdict, with the numbers that support it. */
export interface AdviceReason {
  code:
    | "performance_drop"
    | "performance_drop_few_labels"
    | "estimated_performance_drop"
    | "feature_drift"
    | "prediction_drift"
    | "training_data_age"
    | "low_label_coverage"
    | "no_data";
  /** What this reason pushes the verdict towards. */
  verdict: Verdict;
  message: string;
  value: number | null;
  threshold: number | null;
}

/** Tolerances of {@link adviseRetraining}; every field has a default. */
export interface AdviceOptions {
  /** Labelled rows a performance check needs before a drop is believed. Default 200. */
  minLabels?: number;
  /** Labelled share of predictions below which coverage is called low. Default 0.1. */
  minLabelCoverage?: number;
  /** Importance-weighted share of drifting features that calls for retraining. Default 0.3. */
  retrainDriftShare?: number;
}

/** A verdict with its reasons; `drift_share` is the importance-weighted share of drifting features. */
export interface Advice {
  verdict: Verdict;
  reasons: AdviceReason[];
  drift_share: number | null;
  label_coverage: number | null;
}

const rank: Record<Verdict, number> = { ok: 0, insufficient_data: 1, watch: 2, retrain: 3 };

function coverageOf(check: Check): number | null {
  const c = check.evidence.label_coverage ?? check.evidence.coverage;
  return typeof c === "number" && Number.isFinite(c) ? c : null;
}

/**
 * Retraining advice from one window's checks (pure). Reasons, each with its numbers:
 * - `performance` breached with ≥ `minLabels` labelled rows → retrain; with fewer → watch;
 * - `estimated_performance` (CBPE) breached → watch;
 * - feature drift: each drifting feature counts by its weight (`evidence.importance` when a provider gives
 *   one, else 1); a weighted share ≥ `retrainDriftShare` → retrain, any drift → watch;
 * - `prediction` drift → watch; `staleness` breached (training data too old) → watch, or retrain together
 *   with feature drift; label coverage under `minLabelCoverage` → a reason of its own (watch).
 * No check with a value at all → `insufficient_data`; otherwise the strongest reason wins, `ok` without any.
 *
 * @example
 * const { verdict, reasons } = adviseRetraining(checks);
 */
export function adviseRetraining(checks: readonly Check[], options: AdviceOptions = {}): Advice {
  const minLabels = options.minLabels ?? 200;
  const minCoverage = options.minLabelCoverage ?? 0.1;
  const retrainShare = options.retrainDriftShare ?? 0.3;
  const reasons: AdviceReason[] = [];
  const valued = checks.filter((c) => c.value !== null && Number.isFinite(c.value));

  for (const c of valued.filter((c) => c.kind === "performance" && c.breached)) {
    const enough = c.rows >= minLabels;
    reasons.push({
      code: enough ? "performance_drop" : "performance_drop_few_labels",
      verdict: enough ? "retrain" : "watch",
      message: `${c.metric} of ${c.subject} is ${c.value} against a threshold of ${c.threshold}, from ${c.rows} labelled predictions${enough ? "" : ` (fewer than ${minLabels}: not yet conclusive)`}`,
      value: c.value,
      threshold: c.threshold,
    });
  }
  for (const c of valued.filter((c) => c.kind === "estimated_performance" && c.breached)) {
    reasons.push({
      code: "estimated_performance_drop",
      verdict: "watch",
      message: `estimated ${c.metric} (${String(c.evidence.method ?? "CBPE")}) is ${c.value} against ${c.threshold}, before labels arrive`,
      value: c.value,
      threshold: c.threshold,
    });
  }

  const features = valued.filter(
    (c) => c.kind === "drift" && c.subject !== "prediction" && c.subject !== "label",
  );
  let driftShare: number | null = null;
  if (features.length > 0) {
    const weight = (c: Check) => {
      const w = c.evidence.importance;
      return typeof w === "number" && Number.isFinite(w) && w >= 0 ? w : 1;
    };
    const total = features.reduce((sum, c) => sum + weight(c), 0);
    const drifting = features.filter((c) => c.breached);
    driftShare = total > 0 ? drifting.reduce((sum, c) => sum + weight(c), 0) / total : 0;
    if (drifting.length > 0) {
      reasons.push({
        code: "feature_drift",
        verdict: driftShare >= retrainShare ? "retrain" : "watch",
        message: `${drifting.length} of ${features.length} features drifted (${drifting.map((c) => c.subject).join(", ")}), ${(driftShare * 100).toFixed(0)}% of feature weight; retraining is advised from ${(retrainShare * 100).toFixed(0)}%`,
        value: driftShare,
        threshold: retrainShare,
      });
    }
  }
  const prediction = valued.find((c) => c.kind === "drift" && c.subject === "prediction" && c.breached);
  if (prediction) {
    reasons.push({
      code: "prediction_drift",
      verdict: "watch",
      message: `the prediction distribution drifted (${prediction.metric} ${prediction.value})`,
      value: prediction.value,
      threshold: prediction.threshold,
    });
  }
  const stale = valued.find((c) => c.kind === "staleness" && c.breached);
  if (stale) {
    const withDrift = (driftShare ?? 0) > 0;
    reasons.push({
      code: "training_data_age",
      verdict: withDrift ? "retrain" : "watch",
      message: `${stale.subject} is ${stale.value} ${stale.metric} old (limit ${stale.threshold})${withDrift ? " and features drifted" : ""}`,
      value: stale.value,
      threshold: stale.threshold,
    });
  }
  const coverages = valued
    .filter((c) => c.kind === "performance")
    .map(coverageOf)
    .filter((c) => c !== null);
  const labelCoverage = coverages.length > 0 ? Math.min(...coverages) : null;
  if (labelCoverage !== null && labelCoverage < minCoverage) {
    reasons.push({
      code: "low_label_coverage",
      verdict: "watch",
      message: `only ${(labelCoverage * 100).toFixed(1)}% of predictions have labels (want ${(minCoverage * 100).toFixed(0)}%): performance is uncertain`,
      value: labelCoverage,
      threshold: minCoverage,
    });
  }

  if (valued.length === 0) {
    return {
      verdict: "insufficient_data",
      reasons: [
        {
          code: "no_data",
          verdict: "insufficient_data",
          message: "no check had enough data",
          value: null,
          threshold: null,
        },
      ],
      drift_share: null,
      label_coverage: null,
    };
  }
  const verdict = reasons.reduce<Verdict>(
    (best, r) => (rank[r.verdict] > rank[best] ? r.verdict : best),
    "ok",
  );
  reasons.sort((a, b) => rank[b.verdict] - rank[a.verdict]);
  return { verdict, reasons, drift_share: driftShare, label_coverage: labelCoverage };
}
