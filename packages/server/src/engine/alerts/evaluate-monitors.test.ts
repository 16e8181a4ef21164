import { describe, expect, it } from "vitest";
import type { Monitor } from "../monitors/monitor.js";
import type { Alert, Silence } from "./alert.js";
import { evaluateMonitors, type MonitorCheck } from "./evaluate-monitors.js";

const hour = 3_600_000;
const t0 = Date.UTC(2024, 2, 1);

function monitor(overrides: Partial<Monitor> = {}): Monitor {
  return {
    name: "lat",
    model: "m",
    kind: "latency",
    subject: "*",
    metric: null,
    window: "1h",
    windowMs: hour,
    threshold: { above: 100 },
    forMs: 2 * hour,
    severity: "warning",
    segment: null,
    version: null,
    labels: {},
    notify: [],
    enabled: true,
    source: "file",
    ...overrides,
  };
}

function check(index: number, value: number | null, overrides: Partial<MonitorCheck> = {}): MonitorCheck {
  return {
    model: "m",
    version: "v1",
    segment: null,
    window: { fromMs: t0 + index * hour, toMs: t0 + (index + 1) * hour },
    kind: "latency",
    subject: "overall",
    metric: "p99_ms",
    value,
    threshold: 80,
    breached: value !== null && value > 80,
    rows: 100,
    evidence: {},
    ...overrides,
  };
}

/** Feeds checks one window at a time, as the scheduler does, carrying state; returns every event. */
function run(monitors: Monitor[], checks: MonitorCheck[], silences: Silence[] = [], nowMs = t0) {
  const latest = new Map<string, Alert>();
  const events = [];
  for (const c of checks) {
    const result = evaluateMonitors({
      monitors,
      checks: [c],
      previous: [...latest.values()],
      silences,
      nowMs,
      publicUrl: "http://ui.example",
    });
    for (const a of result.alerts) latest.set(a.fingerprint, a);
    events.push(...result.events);
  }
  return { events, alerts: [...latest.values()] };
}

describe("evaluateMonitors", () => {
  it("goes pending, fires once the condition held for `for`, then resolves on a good window", () => {
    const { events, alerts } = run([monitor()], [check(0, 150), check(1, 160), check(2, 170), check(3, 50)]);
    expect(events.map((e) => [e.type, (e.atMs - t0) / hour])).toEqual([
      ["pending", 1],
      ["firing", 2],
      ["resolved", 4],
    ]);
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert).toMatchObject({ state: "resolved", startsMs: t0, firedMs: t0 + 2 * hour });
    expect(alert.evidence).toMatchObject({ value: 50, threshold: 100, metric: "p99_ms" });
    expect(alert.evidence.link).toBe(
      `http://ui.example/models/m?from=${encodeURIComponent(new Date(t0 + 3 * hour).toISOString())}&to=${encodeURIComponent(new Date(t0 + 4 * hour).toISOString())}&focus=overall`,
    );
  });

  it("fires at once with for: 0 and uses the check's calibrated verdict when asked", () => {
    const calibrated = monitor({ threshold: { calibrated: true }, forMs: 0 });
    const { events } = run([calibrated], [check(0, 90), check(1, 70)]);
    expect(events.map((e) => e.type)).toEqual(["firing", "resolved"]);
    expect(events[0]!.alert.evidence.threshold).toBe(80);
  });

  it("does not fire while flapping shorter than `for`", () => {
    const { events } = run([monitor()], [check(0, 150), check(1, 50), check(2, 150), check(3, 50)]);
    expect(events.map((e) => e.type)).toEqual(["pending", "resolved", "pending", "resolved"]);
    expect(events.every((e) => e.alert.firedMs === null)).toBe(true);
  });

  it("restarts a pending alert after a window without data", () => {
    const { events } = run([monitor()], [check(0, 150), check(1, null), check(2, 150), check(3, 150)]);
    expect(events.map((e) => [e.type, (e.atMs - t0) / hour])).toEqual([
      ["pending", 1],
      ["resolved", 1],
      ["pending", 3],
      ["firing", 4],
    ]);
  });

  it("keeps one alert per monitor+subject+version+segment and separates the rest", () => {
    const checks = [
      check(0, 150),
      check(0, 150, { version: "v2" }),
      check(0, 150, { subject: "other" }),
      check(0, 150, { segment: "region=eu" }),
    ];
    const m = monitor({ forMs: 0 });
    const first = evaluateMonitors({
      monitors: [m],
      checks,
      previous: [],
      silences: [],
      nowMs: t0,
      publicUrl: "",
    });
    // The segment check does not match a monitor without a segment.
    expect(first.alerts).toHaveLength(3);
    expect(new Set(first.alerts.map((a) => a.id)).size).toBe(3);
    const again = evaluateMonitors({
      monitors: [m],
      checks: [...checks, check(1, 170), check(1, 170, { version: "v2" })],
      previous: first.alerts,
      silences: [],
      nowMs: t0,
      publicUrl: "",
    });
    expect(again.events).toEqual([]);
    expect(again.alerts.map((a) => a.id).sort()).toEqual(
      first.alerts
        .filter((a) => a.subject === "overall")
        .map((a) => a.id)
        .sort(),
    );
    const segmented = monitor({ name: "seg", forMs: 0, segment: { tag: "region", value: "eu" } });
    const seg = evaluateMonitors({
      monitors: [segmented],
      checks,
      previous: [],
      silences: [],
      nowMs: t0,
      publicUrl: "",
    });
    expect(seg.alerts.map((a) => a.segment)).toEqual(["region=eu"]);
  });

  it("is idempotent: re-evaluating windows already applied changes nothing", () => {
    const m = monitor({ forMs: 0 });
    const checks = [check(0, 150), check(1, 50)];
    const first = evaluateMonitors({
      monitors: [m],
      checks,
      previous: [],
      silences: [],
      nowMs: t0,
      publicUrl: "",
    });
    expect(first.events.map((e) => e.type)).toEqual(["firing", "resolved"]);
    const second = evaluateMonitors({
      monitors: [m],
      checks,
      previous: first.alerts,
      silences: [],
      nowMs: t0,
      publicUrl: "",
    });
    expect(second).toEqual({ alerts: [], events: [] });
  });

  it("gives the same history whether windows arrive one by one or all at once (replay)", () => {
    const checks = [150, 160, 50, 170, 180, 190, 20].map((v, i) => check(i, v));
    const live = run([monitor()], checks);
    const replay = evaluateMonitors({
      monitors: [monitor()],
      checks: [...checks].reverse(),
      previous: [],
      silences: [],
      nowMs: t0,
      publicUrl: "http://ui.example",
    });
    expect(replay.events.map((e) => [e.alertId, e.type, e.atMs])).toEqual(
      live.events.map((e) => [e.alertId, e.type, e.atMs]),
    );
  });

  it("marks events silenced while a matching silence is in force, and only then", () => {
    const silence: Silence = {
      id: "s1",
      matchers: { model: "m", subject: "overall" },
      startsMs: t0,
      untilMs: t0 + 10 * hour,
      createdMs: t0,
      createdBy: "ops",
      comment: "",
    };
    const m = monitor({ forMs: 0 });
    expect(run([m], [check(0, 150)], [silence], t0 + hour).events[0]!.silenced).toBe(true);
    expect(run([m], [check(0, 150)], [silence], t0 + 10 * hour).events[0]!.silenced).toBe(false);
    const other = { ...silence, matchers: { subject: "distance" } };
    expect(run([m], [check(0, 150)], [other], t0 + hour).events[0]!.silenced).toBe(false);
  });

  it("keeps an acknowledgement while firing and resolves alerts of disabled monitors", () => {
    const m = monitor({ forMs: 0 });
    const first = evaluateMonitors({
      monitors: [m],
      checks: [check(0, 150)],
      previous: [],
      silences: [],
      nowMs: t0,
      publicUrl: "",
    });
    const acked = first.alerts.map((a) => ({ ...a, acknowledgedMs: t0, acknowledgedBy: "ann" }));
    const next = evaluateMonitors({
      monitors: [m],
      checks: [check(1, 150)],
      previous: acked,
      silences: [],
      nowMs: t0,
      publicUrl: "",
    });
    expect(next.alerts[0]).toMatchObject({ state: "firing", acknowledgedBy: "ann" });
    const off = evaluateMonitors({
      monitors: [{ ...m, enabled: false }],
      checks: [check(2, 150)],
      previous: next.alerts,
      silences: [],
      nowMs: t0,
      publicUrl: "",
    });
    expect(off.events.map((e) => e.type)).toEqual(["resolved"]);
  });

  it("ignores checks of another window size, kind, model or metric", () => {
    const m = monitor({ forMs: 0, metric: "p99_ms" });
    const checks = [
      check(0, 150, { window: { fromMs: t0, toMs: t0 + 2 * hour } }),
      check(0, 150, { kind: "volume" }),
      check(0, 150, { model: "other" }),
      check(0, 150, { metric: "p50_ms" }),
    ];
    expect(
      evaluateMonitors({ monitors: [m], checks, previous: [], silences: [], nowMs: t0, publicUrl: "" })
        .alerts,
    ).toEqual([]);
  });

  it("skips the subjects a monitor excludes, and watches the others", () => {
    const m = monitor({ forMs: 0, exclude: ["weekday"] });
    const checks = [check(0, 150, { subject: "weekday" }), check(0, 150, { subject: "distance" })];
    const { alerts } = evaluateMonitors({
      monitors: [m],
      checks,
      previous: [],
      silences: [],
      nowMs: t0,
      publicUrl: "",
    });
    expect(alerts.map((a) => a.subject)).toEqual(["distance"]);
  });

  it("judges a subject by its bad metric when several checks of one window share it", () => {
    const m = monitor({ forMs: 0, kind: "quality", threshold: { calibrated: true } });
    const quality = (metric: string, breached: boolean): MonitorCheck =>
      check(0, breached ? 0.06 : 0, { kind: "quality", subject: "distance", metric, breached });
    const checks = [quality("missing_rate", false), quality("out_of_range_share", true)];
    const { alerts } = evaluateMonitors({
      monitors: [m],
      checks,
      previous: [],
      silences: [],
      nowMs: t0,
      publicUrl: "",
    });
    expect(alerts.map((a) => [a.state, a.evidence.metric])).toEqual([["firing", "out_of_range_share"]]);
  });

  it("resolves an alert of a version no longer served at the first window of other versions only", () => {
    const m = monitor({ forMs: 0 });
    const { events, alerts } = run(
      [m],
      [
        check(0, 150, { version: "v1" }),
        check(1, 160, { version: "v1" }),
        check(2, 50, { version: "v2" }),
        check(3, 55, { version: "v2" }),
      ],
    );
    const v1 = alerts.find((a) => a.version === "v1");
    expect(v1).toMatchObject({ state: "resolved", resolvedMs: t0 + 3 * hour, lastWindowToMs: t0 + 3 * hour });
    expect(v1?.evidence.check).toMatchObject({ superseded_by: ["v2"] });
    expect(events.map((e) => [e.type, (e.atMs - t0) / hour])).toEqual([
      ["firing", 1],
      ["resolved", 3],
    ]);
  });

  it("keeps a version's alert firing while that version is still served or nothing was checked", () => {
    const m = monitor({ forMs: 0 });
    const evaluate = (checks: MonitorCheck[], previous: Alert[]) =>
      evaluateMonitors({ monitors: [m], checks, previous, silences: [], nowMs: t0, publicUrl: "" });
    const first = evaluate([check(0, 150, { version: "v1" })], []);
    const canary = evaluate(
      [check(1, 50, { version: "v2" }), check(1, 150, { version: "v1" })],
      first.alerts,
    );
    expect(canary.events).toEqual([]);
    const quiet = evaluate([check(2, 160, { subject: "other", version: null })], first.alerts);
    expect(quiet.events.map((e) => e.type)).toEqual(["firing"]);
    expect(quiet.alerts.map((a) => [a.subject, a.state])).toEqual([["other", "firing"]]);
  });
});
