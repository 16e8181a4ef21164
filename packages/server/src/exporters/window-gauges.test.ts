import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import type { Check } from "../engine/check.js";
import { parseMetrics, sampleValue } from "../test-support/prometheus-text.js";
import { WindowGauges } from "./window-gauges.js";

const window = { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2026, 0, 2) };

function check(overrides: Partial<Check>): Check {
  return {
    model: "m",
    version: "v1",
    segment: null,
    window,
    kind: "drift",
    subject: "distance",
    metric: "psi",
    value: 0.3,
    threshold: 0.2,
    breached: true,
    rows: 100,
    evidence: {},
    ...overrides,
  };
}

async function samples(registry: Registry) {
  return parseMetrics(await registry.metrics());
}

describe("WindowGauges", () => {
  it("exports drift, performance, quality and breached counts of the latest window, without segments", async () => {
    const registry = new Registry();
    const gauges = new WindowGauges(registry);
    gauges.update("m", [
      check({}),
      check({ subject: "delay", value: 0.1, breached: false }),
      check({
        kind: "performance",
        subject: "overall",
        metric: "f1",
        value: 0.81,
        threshold: 0.7,
        breached: false,
      }),
      check({ kind: "estimated_performance", subject: "overall", metric: "f1", value: 0.79, threshold: 0.7 }),
      check({ kind: "quality", subject: "origin", metric: "missing_rate", value: 0.1, threshold: 0.05 }),
      check({ segment: "airport=SFO", subject: "distance", value: 9 }),
      check({ kind: "stuck_output", subject: "prediction", metric: "top_class_share", value: null }),
    ]);
    const s = await samples(registry);
    const drift = { model: "m", version: "v1", feature: "distance", method: "psi" };
    expect(sampleValue(s, "sightline_drift_score", drift)).toBe(0.3);
    expect(sampleValue(s, "sightline_drift_threshold", drift)).toBe(0.2);
    expect(sampleValue(s, "sightline_performance", { model: "m", version: "v1", metric: "f1" })).toBe(0.81);
    expect(
      sampleValue(s, "sightline_performance_estimated", { model: "m", version: "v1", metric: "f1" }),
    ).toBe(0.79);
    expect(
      sampleValue(s, "sightline_data_quality_ratio", {
        model: "m",
        version: "v1",
        feature: "origin",
        kind: "missing_rate",
      }),
    ).toBe(0.1);
    expect(sampleValue(s, "sightline_checks_breached", { model: "m", version: "v1", kind: "drift" })).toBe(1);
    expect(
      sampleValue(s, "sightline_checks_breached", { model: "m", version: "v1", kind: "stuck_output" }),
    ).toBe(1);
    expect(sampleValue(s, "sightline_window_end_timestamp_seconds", { model: "m" })).toBe(window.toMs / 1000);
    // The segment check's value (9) is not exported anywhere.
    expect(s.filter((x) => x.value === 9)).toEqual([]);
  });

  it("replaces a model's series on the next window and leaves other models alone", async () => {
    const registry = new Registry();
    const gauges = new WindowGauges(registry);
    gauges.update("m", [check({}), check({ subject: "delay" })]);
    gauges.update("other", [check({ model: "other", value: 0.5 })]);
    gauges.update("m", [check({ subject: "delay", value: 0.05, breached: false })]);
    const s = await samples(registry);
    const driftOf = (model: string, feature: string) =>
      s.filter(
        (x) => x.name === "sightline_drift_score" && x.labels.model === model && x.labels.feature === feature,
      );
    expect(driftOf("m", "distance")).toEqual([]);
    expect(driftOf("m", "delay").map((x) => x.value)).toEqual([0.05]);
    expect(driftOf("other", "distance").map((x) => x.value)).toEqual([0.5]);
    expect(sampleValue(s, "sightline_checks_breached", { model: "m", version: "v1", kind: "drift" })).toBe(0);
  });
});
