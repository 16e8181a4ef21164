import { describe, expect, it } from "vitest";
import { SightlineError } from "../../errors.js";
import { parseMonitorsFile } from "./parse-monitors-file.js";

const good = `
notifiers:
  - { name: am, type: alertmanager, url: "http://127.0.0.1:9093" }
  - { name: team, type: slack, url: "https://hooks.slack.com/services/x" }
monitors:
  - name: delay-drift
    model: flight-delay
    kind: drift
    subject: distance
    window: 1d
    for: 2
    severity: critical
    segment: region:eu
    labels: { team: ml }
    notify: [am]
  - name: latency
    model: flight-delay
    kind: latency
    metric: p99_ms
    window: 1h
    threshold: { above: 250 }
    for: 3h
  - { name: flight-delay.volume, enabled: false }
`;

function errorOf(text: string): SightlineError {
  try {
    parseMonitorsFile(text, "m.yaml");
  } catch (error) {
    if (error instanceof SightlineError) return error;
    throw error;
  }
  throw new Error("expected an error");
}

describe("parseMonitorsFile", () => {
  it("reads monitors, overrides and notifiers with their defaults", () => {
    const file = parseMonitorsFile(good, "m.yaml");
    expect(file.notifiers.map((n) => n.type)).toEqual(["alertmanager", "slack"]);
    expect(file.enabled).toEqual({ "flight-delay.volume": false });
    expect(file.monitors[0]).toMatchObject({
      name: "delay-drift",
      subject: "distance",
      windowMs: 86_400_000,
      forMs: 2 * 86_400_000,
      threshold: { calibrated: true },
      severity: "critical",
      segment: { tag: "region", value: "eu" },
      labels: { team: "ml" },
      notify: ["am"],
      source: "file",
    });
    expect(file.monitors[1]).toMatchObject({
      subject: "*",
      metric: "p99_ms",
      threshold: { above: 250 },
      forMs: 3 * 3_600_000,
      severity: "warning",
    });
  });

  it("reads a monitor's excluded subjects, none by default, and rejects a malformed list", () => {
    const json = (exclude: unknown) =>
      JSON.stringify({ monitors: [{ name: "x", model: "m", kind: "drift", exclude }] });
    expect(parseMonitorsFile(json(["weekday", "weekday", "hour"]), "m.json").monitors[0]?.exclude).toEqual([
      "weekday",
      "hour",
    ]);
    expect(parseMonitorsFile(json(undefined), "m.json").monitors[0]?.exclude).toEqual([]);
    expect(errorOf(json("weekday")).details).toMatchObject({ field: "monitors[0].exclude" });
    expect(errorOf(json([""])).details).toMatchObject({ field: "monitors[0].exclude[0]" });
  });

  it("reads a monitor's delay (a duration or 0), absent by default, and rejects a malformed one", () => {
    const json = (delay: unknown) =>
      JSON.stringify({ monitors: [{ name: "x", model: "m", kind: "performance", delay }] });
    expect(parseMonitorsFile(json("2d"), "m.json").monitors[0]?.delayMs).toBe(2 * 86_400_000);
    expect(parseMonitorsFile(json(0), "m.json").monitors[0]?.delayMs).toBe(0);
    expect(parseMonitorsFile(json(undefined), "m.json").monitors[0]).not.toHaveProperty("delayMs");
    expect(errorOf(json("soon")).details).toMatchObject({ field: "monitors[0].delay" });
  });

  it("reads the same monitors from JSON", () => {
    const json = JSON.stringify({
      monitors: [{ name: "x", model: "m", kind: "volume", threshold: { below: 10 } }],
    });
    expect(parseMonitorsFile(json, "m.json").monitors[0]).toMatchObject({
      kind: "volume",
      threshold: { below: 10 },
      window: "1d",
    });
  });

  it.each([
    ["monitors: [{ name: x, model: m, kind: vibes }]", "monitors[0].kind", /must be one of drift/],
    ["monitors: [{ name: x, model: m, kind: drift, window: 3 days }]", "monitors[0].window", /duration/],
    [
      "monitors: [{ name: x, model: m, kind: drift, threshold: { above: high } }]",
      "monitors[0].threshold.above",
      /finite number/,
    ],
    [
      "monitors: [{ name: x, model: m, kind: drift, threshold: { above: 1, below: 0 } }]",
      "monitors[0].threshold",
      /exactly one/,
    ],
    [
      "monitors: [{ name: x, model: m, kind: drift, threshold: { calibrated: false } }]",
      "monitors[0].threshold.calibrated",
      /true/,
    ],
    ["monitors: [{ name: x, model: m, kind: drift, for: -1 }]", "monitors[0].for", /whole number/],
    ["monitors: [{ name: x, model: 'a/b', kind: drift }]", "monitors[0].model", /characters/],
    ["monitors: [{ name: x, model: m, kind: drift, severity: meh }]", "monitors[0].severity", /critical/],
    [
      "monitors: [{ name: x, model: m, kind: drift, colour: red }]",
      "monitors[0].colour",
      /not a monitor field/,
    ],
    [
      "monitors: [{ name: x, model: m, kind: drift, notify: [pager] }]",
      "monitors[0].notify[0]",
      /no notifier/,
    ],
    [
      "monitors: [{ name: x, model: m, kind: drift }, { name: x, model: m, kind: drift }]",
      "monitors[1].name",
      /twice/,
    ],
    ["notifiers: [{ name: a, type: email, url: 'http://x' }]", "notifiers[0].type", /webhook/],
    ["notifiers: [{ name: a, type: webhook, url: 'ftp://x' }]", "notifiers[0].url", /http/],
    ["alerts: []", "alerts", /not a known section/],
    ["monitors: {", "$", /not valid YAML/],
  ])("rejects %s naming %s", (text, field, reason) => {
    const error = errorOf(text);
    expect(error.code).toBe("SL_INVALID_MONITOR");
    expect(error.status).toBe(400);
    expect(error.details).toEqual({ field });
    expect(error.message).toMatch(/^m\.yaml: /);
    expect(error.message).toMatch(reason);
  });
});
