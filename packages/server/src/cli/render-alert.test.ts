import { describe, expect, it } from "vitest";
import { renderAlertDetail, renderSilences } from "./render-alert.js";

const alert = {
  id: "a1",
  state: "resolved",
  severity: "warning",
  model: "fraud",
  monitor: "fraud.drift",
  kind: "drift",
  subject: "amount",
  version: "v2",
  segment: "region:eu",
  labels: { team: "ml" },
  silenced: true,
  silence_id: "s1",
  starts_at: "2024-03-01T00:00:00.000Z",
  fired_at: "2024-03-01T01:00:00.000Z",
  resolved_at: "2024-03-02T00:00:00.000Z",
  acknowledged_at: "2024-03-01T02:30:15.000Z",
  acknowledged_by: "alice",
  evidence: {
    metric: "psi",
    value: 0.123456,
    threshold: 0.2,
    rule: { calibrated: true },
    window: { from: "2024-03-01T00:00:00.000Z", to: "2024-03-02T00:00:00.000Z" },
    rows: 1200,
    check: {
      method: "psi",
      p_value: null,
      drift_detected: true,
      bins: Array.from({ length: 80 }, (_, i) => i),
    },
    link: "http://ui/models/fraud",
  },
};

describe("renderAlertDetail", () => {
  it("puts every field on its own line and the evidence readably, structures cut short", () => {
    const text = renderAlertDetail({
      alert,
      history: [
        { type: "firing", at: "2024-03-01T01:00:00.000Z", silenced: false },
        { type: "resolved", at: "2024-03-02T00:00:00.000Z", silenced: true },
      ],
    });
    const lines = text.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "alert:        a1",
      "state:        resolved",
      "severity:     warning",
    ]);
    expect(lines).toContain("subject:      amount @v2 [region:eu]");
    expect(lines).toContain("acknowledged: by alice at 2024-03-01 02:30:15Z");
    expect(lines).toContain("silenced:     yes (silence s1)");
    expect(lines).toContain("  psi = 0.1235, threshold 0.2 (rule: calibrated)");
    expect(lines).toContain("  window 2024-03-01 00:00Z to 2024-03-02 00:00Z, 1200 rows");
    expect(lines).toContain("    p_value:        -");
    expect(lines).toContain("    drift_detected: true");
    const bins = lines.find((l) => l.startsWith("    bins:")) ?? "";
    expect(bins.endsWith("…")).toBe(true);
    expect(bins.length).toBeLessThan(200);
    expect(lines.slice(-3)).toEqual([
      "history:",
      "  2024-03-01 01:00Z  firing",
      "  2024-03-02 00:00Z  resolved (silenced)",
    ]);
  });

  it("says when there is no history and leaves out an empty check", () => {
    const text = renderAlertDetail({ alert: { ...alert, evidence: { ...alert.evidence, check: {} } } });
    expect(text).not.toContain("check:");
    expect(text.split("\n").at(-1)).toBe("history: none");
  });
});

describe("renderSilences", () => {
  it("lists id, matchers, times, author and comment", () => {
    expect(renderSilences([])).toBe("no silences");
    const table = renderSilences([
      {
        id: "s1",
        matchers: { model: "fraud", monitor: "m" },
        starts_at: "2024-03-01T00:00:00.000Z",
        until: "2024-03-01T02:00:00.000Z",
        created_by: "cli",
        comment: "",
      },
    ]).split("\n");
    expect(table[1]).toMatch(
      /^s1\s+model=fraud monitor=m\s+2024-03-01 00:00Z\s+2024-03-01 02:00Z\s+cli\s+-$/,
    );
  });
});
