import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { SightlineError } from "../errors.js";
import { runPromtool } from "../test-support/promtool.js";
import { makeTempDir, removeTempDir } from "../test-support/temp-dir.js";
import { buildAlertRules, renderAlertRules } from "./prometheus-rules.js";

const drift = {
  summary: "distance of m v1 drifted",
  description: "psi = 0.5 in the latest closed window, above its threshold calibrated on the reference.",
};

// promtool's unit tests: input series, then the alerts expected (labels and rendered annotations) at given times.
function unitTests() {
  const series = (s: string, values: string) => ({ series: s, values });
  return {
    rule_files: ["rules.yml"],
    evaluation_interval: "1m",
    tests: [
      {
        interval: "1m",
        input_series: [
          series('sightline_predictions_total{model="m",version="v1"}', "0+100x40"),
          series('sightline_prediction_errors_total{model="m",version="v1"}', "0+10x40"),
          series('sightline_predictions_total{model="other",version="v1"}', "0+100x40"),
          series('sightline_prediction_errors_total{model="other",version="v1"}', "0+50x40"),
          series('sightline_inference_latency_seconds_bucket{model="m",version="v1",le="0.5"}', "0x40"),
          series('sightline_inference_latency_seconds_bucket{model="m",version="v1",le="1"}', "0x40"),
          series('sightline_inference_latency_seconds_bucket{model="m",version="v1",le="2.5"}', "0+100x40"),
          series('sightline_inference_latency_seconds_bucket{model="m",version="v1",le="+Inf"}', "0+100x40"),
          series('sightline_drift_score{model="m",version="v1",feature="distance",method="psi"}', "0.5x40"),
          series(
            'sightline_drift_threshold{model="m",version="v1",feature="distance",method="psi"}',
            "0.2x40",
          ),
          series('sightline_drift_score{model="m",version="v1",feature="delay",method="psi"}', "0.1x40"),
          series('sightline_drift_threshold{model="m",version="v1",feature="delay",method="psi"}', "0.2x40"),
          series('sightline_performance{model="m",version="v1",metric="f1"}', "0.9x40"),
          series('sightline_performance_threshold{model="m",version="v1",metric="f1"}', "0.7x40"),
          series('sightline_checks_breached{model="m",version="v1",kind="stuck_output"}', "1x40"),
          series('sightline_checks_breached{model="m",version="v1",kind="drift"}', "3x40"),
        ],
        alert_rule_test: [
          {
            eval_time: "5m",
            alertname: "SightlineFeatureDrift",
            exp_alerts: [
              {
                exp_labels: {
                  model: "m",
                  version: "v1",
                  feature: "distance",
                  method: "psi",
                  severity: "warning",
                },
                exp_annotations: drift,
              },
            ],
          },
          { eval_time: "5m", alertname: "SightlinePerformanceDrop", exp_alerts: [] },
          {
            eval_time: "5m",
            alertname: "SightlineCheckBreached",
            exp_alerts: [
              {
                exp_labels: { model: "m", version: "v1", kind: "stuck_output", severity: "warning" },
                exp_annotations: {
                  summary: "stuck_output check breached for m v1",
                  description: "1 stuck_output checks crossed their threshold in the latest closed window.",
                },
              },
            ],
          },
          // The 10% error rate must hold for 10 minutes: not yet at 8m, firing at 20m.
          { eval_time: "8m", alertname: "SightlineHighErrorRate", exp_alerts: [] },
          {
            eval_time: "20m",
            alertname: "SightlineHighErrorRate",
            exp_alerts: [
              {
                exp_labels: { model: "m", version: "v1", severity: "critical" },
                exp_annotations: {
                  summary: "m v1 fails 10% of inferences",
                  description: "More than 5% of inferences reported an error over 5 minutes.",
                },
              },
            ],
          },
          {
            eval_time: "20m",
            alertname: "SightlineHighLatency",
            exp_alerts: [
              {
                exp_labels: { model: "m", version: "v1", severity: "warning" },
                exp_annotations: {
                  summary: "p99 latency of m v1 is 2.485s",
                  description: "p99 inference latency above 1 s over 5 minutes.",
                },
              },
            ],
          },
          { eval_time: "30m", alertname: "SightlineNoTraffic", exp_alerts: [] },
        ],
      },
      {
        interval: "1m",
        input_series: [series('sightline_predictions_total{model="m",version="v1"}', "5x40")],
        alert_rule_test: [
          { eval_time: "10m", alertname: "SightlineNoTraffic", exp_alerts: [] },
          {
            eval_time: "30m",
            alertname: "SightlineNoTraffic",
            exp_alerts: [
              {
                exp_labels: { model: "m", severity: "warning" },
                exp_annotations: {
                  summary: "m received no predictions for 15 minutes",
                  description: "The model server may be down, or its SDK cannot reach Sightline.",
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

describe("generated Prometheus alerting rules", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-rules-");
    await writeFile(join(dir, "rules.yml"), renderAlertRules({ model: "m" }));
    await writeFile(join(dir, "tests.yml"), stringify(unitTests()));
  });

  afterAll(async () => {
    await removeTempDir(dir);
  });

  it("pass `promtool check rules`", async () => {
    const { code, output } = await runPromtool(["check", "rules", "rules.yml"], dir);
    expect(output).toContain("SUCCESS: 7 rules found");
    expect(code).toBe(0);
  });

  it("fire as stated in `promtool test rules` (and only for their model)", async () => {
    const { code, output } = await runPromtool(["test", "rules", "tests.yml"], dir);
    expect(output).toContain("SUCCESS");
    expect(code).toBe(0);
  });

  it("a wrong expectation makes promtool fail (the test above can fail)", async () => {
    const broken = unitTests();
    const first = broken.tests[0]?.alert_rule_test[0];
    if (first) first.exp_alerts = [];
    await writeFile(join(dir, "broken.yml"), stringify(broken));
    const { code } = await runPromtool(["test", "rules", "broken.yml"], dir);
    expect(code).not.toBe(0);
  });

  it("reject bad thresholds and model names, naming the field", () => {
    expect(() => buildAlertRules({ model: "m", errorRate: 2 })).toThrow(/errorRate/);
    expect(() => buildAlertRules({ model: "m", latencyP99Seconds: -1 })).toThrow(/latencyP99Seconds/);
    expect(() => buildAlertRules({ model: "m", for: "ten minutes" })).toThrow(/for must be/);
    expect(() => buildAlertRules({ model: 'm"}) or vector(1' })).toThrow(SightlineError);
  });
});
