import { describe, expect, it } from "vitest";
import { type AlertSummary, summarizeDetection } from "./detection.js";
import { demoScenario } from "./scenario.js";

function alert(kind: string, subject: string, startsAt: string, fired = true): AlertSummary {
  return {
    id: `${kind}-${subject}-${startsAt}`,
    state: "resolved",
    monitor: `flight-delay.${kind}`,
    kind,
    subject,
    version: "v2",
    starts_at: startsAt,
    fired_at: fired ? startsAt : null,
  };
}

describe("summarizeDetection", () => {
  const scenario = demoScenario(true);

  it("matches each failure to a fired alert of its kind within the allowed windows", () => {
    const summary = summarizeDetection(scenario, [
      alert("drift", "distance", "2001-02-16T00:00:00.000Z"),
      alert("quality", "distance", "2001-02-22T00:00:00.000Z"),
      alert("serving_version", "production", "2001-03-01T00:00:00.000Z"),
    ]);
    expect(summary.failures.map((f) => [f.failure.kind, f.detected, f.window])).toEqual([
      ["unit_change", true, 2],
      ["broken_join", true, 1],
      ["stale_version", true, 1],
    ]);
    expect(summary.quietAlerts).toEqual([]);
  });

  it("misses alerts that are late, of another subject, or never fired; counts quiet and natural drift", () => {
    const summary = summarizeDetection(scenario, [
      alert("drift", "distance", "2001-02-17T00:00:00.000Z"),
      alert("drift", "hour", "2001-02-15T00:00:00.000Z"),
      alert("quality", "distance", "2001-02-22T00:00:00.000Z", false),
      alert("drift", "origin", "2001-02-03T00:00:00.000Z"),
    ]);
    expect(summary.failures.map((f) => f.detected)).toEqual([false, false, false]);
    expect(summary.quietAlerts.map((a) => a.subject)).toEqual(["origin"]);
    expect(summary.naturalDriftAlerts.map((a) => a.subject)).toEqual(["origin"]);
  });
});
