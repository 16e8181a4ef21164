import { describe, expect, it } from "vitest";
import type { Alert, Silence } from "./alert.js";
import { alertLabels, matchingSilence } from "./alert-listing.js";

const alert: Alert = {
  id: "a1",
  fingerprint: "f",
  monitor: "fraud.drift",
  model: "fraud",
  kind: "drift",
  subject: "amount",
  version: "v1",
  segment: null,
  severity: "warning",
  labels: { team: "risk" },
  notify: [],
  state: "firing",
  startsMs: 0,
  firedMs: 0,
  resolvedMs: null,
  lastWindowToMs: 10,
  evidence: {
    metric: "psi",
    value: 0.3,
    threshold: 0.2,
    rule: { calibrated: true },
    window: { fromMs: 0, toMs: 10 },
    rows: 5,
    check: {},
    link: "",
  },
  acknowledgedMs: null,
  acknowledgedBy: null,
};

function silence(id: string, matchers: Record<string, string>, untilMs = 100): Silence {
  return { id, matchers, startsMs: 0, untilMs, createdMs: 0, createdBy: "ops", comment: "" };
}

describe("alertLabels", () => {
  it("holds the monitor's labels and the alert's identity, version and segment only when set", () => {
    expect(alertLabels(alert)).toEqual({
      team: "risk",
      model: "fraud",
      monitor: "fraud.drift",
      kind: "drift",
      subject: "amount",
      severity: "warning",
      version: "v1",
    });
    expect(alertLabels({ ...alert, version: null, segment: "region:eu" })).toMatchObject({
      segment: "region:eu",
    });
    expect(alertLabels({ ...alert, version: null })).not.toHaveProperty("version");
  });

  it("lets the alert's own fields win over a monitor label of the same name", () => {
    expect(alertLabels({ ...alert, labels: { model: "other" } }).model).toBe("fraud");
  });
});

describe("matchingSilence", () => {
  it("finds the silence whose every matcher equals a label, in force at now", () => {
    const silences = [
      silence("s-other", { model: "other" }),
      silence("s-expired", { model: "fraud" }, 5),
      silence("s-team", { team: "risk", subject: "amount" }),
    ];
    expect(matchingSilence(alert, silences, 10)?.id).toBe("s-team");
    expect(matchingSilence(alert, silences, 2)?.id).toBe("s-expired");
    expect(matchingSilence(alert, [silence("s", { subject: "hour" })], 10)).toBeUndefined();
  });
});
