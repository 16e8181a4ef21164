import { describe, expect, it } from "vitest";
import type { Check } from "../check.js";
import { adviseRetraining } from "./retraining-advice.js";

function check(
  kind: Check["kind"],
  subject: string,
  breached: boolean,
  overrides: Partial<Check> = {},
): Check {
  return {
    model: "m",
    version: "v1",
    segment: null,
    window: { fromMs: 0, toMs: 86_400_000 },
    kind,
    subject,
    metric: "m",
    value: breached ? 1 : 0,
    threshold: 0.5,
    breached,
    rows: 1000,
    evidence: {},
    ...overrides,
  };
}

const codes = (checks: Check[]) => {
  const a = adviseRetraining(checks);
  return [a.verdict, a.reasons.map((r) => r.code)];
};

describe("adviseRetraining", () => {
  it("is ok when every check holds, insufficient without values", () => {
    expect(codes([check("performance", "overall", false), check("drift", "a", false)])).toEqual(["ok", []]);
    expect(codes([check("performance", "overall", false, { value: null })])).toEqual([
      "insufficient_data",
      ["no_data"],
    ]);
    expect(codes([])).toEqual(["insufficient_data", ["no_data"]]);
  });

  it("retrains on a performance drop with enough labels, watches with too few", () => {
    expect(codes([check("performance", "overall", true)])).toEqual(["retrain", ["performance_drop"]]);
    expect(codes([check("performance", "overall", true, { rows: 50 })])).toEqual([
      "watch",
      ["performance_drop_few_labels"],
    ]);
    expect(codes([check("estimated_performance", "overall", true)])).toEqual([
      "watch",
      ["estimated_performance_drop"],
    ]);
  });

  it("weighs drifting features by importance", () => {
    const light = [
      check("drift", "a", true, { evidence: { importance: 0.05 } }),
      check("drift", "b", false, { evidence: { importance: 0.95 } }),
    ];
    expect(codes(light)).toEqual(["watch", ["feature_drift"]]);
    expect(adviseRetraining(light).drift_share).toBeCloseTo(0.05, 12);
    const heavy = [
      check("drift", "a", false, { evidence: { importance: 0.05 } }),
      check("drift", "b", true, { evidence: { importance: 0.95 } }),
    ];
    expect(codes(heavy)).toEqual(["retrain", ["feature_drift"]]);
    // Without importances every feature weighs the same: 1 of 4 is 25% < 30%.
    expect(
      codes([
        check("drift", "a", true),
        check("drift", "b", false),
        check("drift", "c", false),
        check("drift", "d", false),
      ])[0],
    ).toBe("watch");
  });

  it("counts prediction drift, the training data's age and label coverage", () => {
    expect(codes([check("drift", "prediction", true)])).toEqual(["watch", ["prediction_drift"]]);
    expect(codes([check("staleness", "training_data", true)])).toEqual(["watch", ["training_data_age"]]);
    expect(
      codes([
        check("staleness", "training_data", true),
        check("drift", "a", true),
        check("drift", "b", false),
        check("drift", "c", false),
        check("drift", "d", false),
      ]),
    ).toEqual([
      "retrain",
      // Age plus drift calls for retraining; 1 drifting feature of 4 alone would only be watched.
      ["training_data_age", "feature_drift"],
    ]);
    const low = adviseRetraining([
      check("performance", "overall", false, { evidence: { label_coverage: 0.02 } }),
    ]);
    expect([low.verdict, low.label_coverage, low.reasons[0]?.code]).toEqual([
      "watch",
      0.02,
      "low_label_coverage",
    ]);
  });
});
