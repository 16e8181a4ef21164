import { describe, expect, it } from "vitest";
import type { DelayedProgress } from "../../store/alert-store.js";
import type { MonitorCheck } from "../alerts/evaluate-monitors.js";
import { pendingChanges, planDelayedStep } from "./delayed-windows.js";
import { LABEL_LOOKBACK_MS, maturedWindows } from "./label-delay.js";
import type { Monitor } from "./monitor.js";
import type { LabelDelay } from "./observed-label-delay.js";

const hour = 3_600_000;

const perf: Monitor = {
  name: "perf",
  model: "m",
  kind: "performance",
  subject: "*",
  metric: null,
  window: "1h",
  windowMs: hour,
  threshold: { calibrated: true },
  forMs: 0,
  severity: "warning",
  segment: null,
  version: null,
  labels: {},
  notify: [],
  enabled: true,
  source: "file",
};

const delayOf = (delayMs: number): LabelDelay => ({ delayMs, source: "stated" });

/** Steps the clock hour by hour from 0 to `hours` with the delay each step gives; the windows judged first. */
function run(hours: number, delayAt: (step: number) => number, progress?: DelayedProgress): number[] {
  const state = progress ?? { judgedToMs: new Map<string, number>(), pending: [] };
  const judged: number[] = [];
  for (let step = 0; step < hours; step++) {
    const plan = planDelayedStep({
      monitors: [perf],
      delays: new Map([["perf", delayOf(delayAt(step))]]),
      progress: state,
      fromMs: step * hour,
      sizeMs: hour,
      firstMs: 0,
    });
    for (const g of plan.groups) if (g.first) judged.push(g.window.fromMs / hour);
    for (const [name, ms] of plan.judgedToMs) state.judgedToMs.set(name, ms);
  }
  return judged;
}

describe("planDelayedStep", () => {
  it("judges each window once when its end + delay passes, as maturedWindows does for a fixed delay", () => {
    const expected = maturedWindows(0, 10 * hour, hour, 2 * hour, 0).map((w) => w.fromMs / hour);
    expect(run(10, () => 2 * hour)).toEqual(expected);
    expect(expected).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("skips no window when the delay shrinks, and judges none twice when it grows", () => {
    const shrinking = run(12, (step) => (step < 6 ? 4 * hour : hour));
    expect(shrinking).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const growing = run(12, (step) => (step < 6 ? hour : 4 * hour));
    expect(growing).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("judges again a pending window whose end + delay is behind the clock, with any window due", () => {
    const progress = { judgedToMs: new Map([["perf", 3 * hour]]), pending: [{ monitor: "perf", fromMs: 0 }] };
    const plan = planDelayedStep({
      monitors: [perf],
      delays: new Map([["perf", delayOf(hour)]]),
      progress,
      fromMs: 4 * hour,
      sizeMs: hour,
      firstMs: 0,
    });
    expect(plan.groups.map((g) => [g.window.fromMs / hour, g.first])).toEqual([
      [0, false],
      [3, true],
    ]);
    expect(plan.judgedToMs).toEqual(new Map([["perf", 4 * hour]]));
  });

  it("drops the pending windows of monitors no longer delayed", () => {
    const plan = planDelayedStep({
      monitors: [perf],
      delays: new Map([["perf", delayOf(hour)]]),
      progress: { judgedToMs: new Map(), pending: [{ monitor: "gone", fromMs: 0 }] },
      fromMs: 4 * hour,
      sizeMs: hour,
      firstMs: 0,
    });
    expect(plan.stale).toEqual([{ monitor: "gone", fromMs: 0 }]);
  });

  it("replays at most the look-back for a monitor that was away", () => {
    const fromMs = 30 * 24 * hour;
    const plan = planDelayedStep({
      monitors: [perf],
      delays: new Map([["perf", delayOf(hour)]]),
      progress: { judgedToMs: new Map([["perf", 0]]), pending: [] },
      fromMs,
      sizeMs: hour,
      firstMs: 0,
    });
    expect(plan.groups.length).toBe(LABEL_LOOKBACK_MS / hour + 1);
    expect(plan.groups[0]?.window.toMs).toBe(fromMs - hour - LABEL_LOOKBACK_MS + hour);
  });

  it("groups monitors by window and delay, so each alert names the delay it waited", () => {
    const other = { ...perf, name: "other" };
    const plan = planDelayedStep({
      monitors: [perf, other],
      delays: new Map([
        ["perf", delayOf(hour)],
        ["other", { delayMs: hour, source: "observed", quantile: 0.95, labels: 500, lagMs: hour }],
      ]),
      progress: { judgedToMs: new Map(), pending: [] },
      fromMs: 4 * hour,
      sizeMs: hour,
      firstMs: 0,
    });
    expect(
      plan.groups.map((g) => [g.window.fromMs / hour, g.delay.source, g.monitors.map((m) => m.name)]),
    ).toEqual([
      [3, "stated", ["perf"]],
      [3, "observed", ["other"]],
    ]);
  });
});

describe("pendingChanges", () => {
  const check = (kind: MonitorCheck["kind"], immature: boolean): MonitorCheck => ({
    model: "m",
    version: null,
    segment: null,
    window: { fromMs: 0, toMs: hour },
    kind,
    subject: "overall",
    metric: "f1",
    value: 0.5,
    threshold: 0.8,
    breached: false,
    rows: 10,
    evidence: {},
    ...(immature ? { immature: true } : {}),
  });
  const group = { window: { fromMs: 0, toMs: hour }, delay: delayOf(hour), monitors: [perf], first: true };
  const entry = { monitor: "perf", fromMs: 0 };

  it("keeps a window short of labels pending, once", () => {
    expect(pendingChanges(group, [check("performance", true)], [], 2 * hour)).toEqual({
      add: [entry],
      remove: [],
    });
    expect(pendingChanges(group, [check("performance", true)], [entry], 3 * hour)).toEqual({
      add: [],
      remove: [],
    });
  });

  it("drops it once mature, or past the look-back, and ignores other kinds' immaturity", () => {
    expect(pendingChanges(group, [check("performance", false)], [entry], 3 * hour).remove).toEqual([entry]);
    const late = 2 * hour + LABEL_LOOKBACK_MS;
    expect(pendingChanges(group, [check("performance", true)], [entry], late).remove).toEqual([entry]);
    expect(pendingChanges(group, [check("drift", true)], [], 2 * hour).add).toEqual([]);
  });
});
