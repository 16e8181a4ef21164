import { describe, expect, it } from "vitest";
import { SightlineError } from "../../errors.js";
import type { AlertStore, ModelExtent, PendingWindow } from "../../store/alert-store.js";
import type { Alert, AlertEvent } from "../alerts/alert.js";
import type { Check, CheckProvider, CheckQuery } from "../check.js";
import type { NotificationGroup, Notifier } from "../notifiers/notifier.js";
import type { Monitor } from "./monitor.js";
import { MonitorService } from "./monitor-service.js";

const hour = 3_600_000;
const t0 = Date.UTC(2024, 2, 1);

/** An in-memory alert store with just what the service uses. */
function memoryStore(extent: ModelExtent) {
  const alerts = new Map<string, Alert>();
  const events: AlertEvent[] = [];
  const progress = new Map<string, number>();
  const judged = new Map<string, number>();
  let pending: PendingWindow[] = [];
  const store: Partial<AlertStore> = {
    latestAlerts: async () => [...alerts.values()],
    saveEvaluation: async (a, e) => {
      for (const alert of a) alerts.set(alert.id, alert);
      events.push(...e);
    },
    listSilences: async () => [],
    listMonitors: async () => [],
    listAlerts: async (q) => [...alerts.values()].filter((a) => q.state === undefined || a.state === q.state),
    getProgress: async (model, size) => progress.get(`${model}/${size}`) ?? null,
    setProgress: async (model, size, to) => void progress.set(`${model}/${size}`, to),
    modelExtents: async () => [extent],
    getDelayedProgress: async () => ({ judgedToMs: new Map(judged), pending: [...pending] }),
    saveDelayedProgress: async (_model, _size, update) => {
      for (const [name, ms] of update.judgedToMs) judged.set(name, ms);
      const removed = (p: PendingWindow) =>
        update.remove.some((r) => r.monitor === p.monitor && r.fromMs === p.fromMs);
      pending = [...pending.filter((p) => !removed(p)), ...update.add];
    },
  };
  return { store: store as AlertStore, events, extent };
}

/** A model with no labels yet: observed delays fall back to the default. */
const noLabels = { labelLag: async () => ({ labels: 0, quantileMs: null }) };

const monitor: Monitor = {
  name: "lat",
  model: "m",
  kind: "latency",
  subject: "*",
  metric: null,
  window: "1h",
  windowMs: hour,
  threshold: { above: 100 },
  forMs: 0,
  severity: "warning",
  segment: null,
  version: null,
  labels: {},
  notify: [],
  enabled: true,
  source: "file",
};

/** Latency 150 (bad) in hours 1 and 2, 50 otherwise; records the windows it was asked for. */
function latencyProvider(asked: number[]): CheckProvider {
  return {
    kinds: ["latency"],
    checks: async (q: CheckQuery): Promise<Check[]> => {
      asked.push((q.window.fromMs - t0) / hour);
      const h = (q.window.fromMs - t0) / hour;
      const value = h === 1 || h === 2 ? 150 : 50;
      return [
        {
          model: q.model,
          version: null,
          segment: null,
          window: q.window,
          kind: "latency",
          subject: "overall",
          metric: "p99_ms",
          value,
          threshold: null,
          breached: false,
          rows: 10,
          evidence: {},
        },
      ];
    },
  };
}

function service(extent: ModelExtent, graceMs: number, now: () => number, notifiers: Notifier[] = []) {
  const asked: number[] = [];
  const mem = memoryStore(extent);
  const monitors = new MonitorService({
    store: { alerts: mem.store, listContracts: async () => [], performance: noLabels },
    file: { monitors: [monitor], enabled: {}, notifiers: [] },
    providers: [latencyProvider(asked)],
    notifiers,
    publicUrl: () => "http://ui",
    graceMs,
    intervalMs: 60_000,
    now,
    resendMs: 10 * 60_000,
  });
  return { monitors, asked, ...mem };
}

describe("MonitorService.tick", () => {
  it("evaluates a window only once the newest prediction passed its end plus the grace, each window once", async () => {
    const extent = { model: "m", oldestMs: t0 + 5 * 60_000, newestMs: t0 + 2 * hour + 10 * 60_000 };
    const { monitors, asked, events } = service(extent, 15 * 60_000, () => 0);
    await monitors.tick();
    // Hour 1 ends at 2:00; the newest event 2:10 is inside the 15 min grace: only hour 0 is closed.
    expect(asked).toEqual([0]);
    extent.newestMs = t0 + 2 * hour + 15 * 60_000;
    await monitors.tick();
    await monitors.tick();
    expect(asked).toEqual([0, 1]);
    extent.newestMs = t0 + 5 * hour;
    await monitors.tick();
    expect(asked).toEqual([0, 1, 2, 3]);
    expect(events.map((e) => [e.type, (e.atMs - t0) / hour])).toEqual([
      ["firing", 2],
      ["resolved", 4],
    ]);
  });

  it("re-sends firing alerts to Alertmanager notifiers once per period so they do not expire there", async () => {
    const sent: NotificationGroup[] = [];
    const am: Notifier = { name: "am", type: "alertmanager", send: async (g) => void sent.push(g) };
    let now = 1_000_000;
    const extent = { model: "m", oldestMs: t0, newestMs: t0 + 2 * hour };
    const { monitors } = service(extent, 0, () => now, [am]);
    await monitors.tick();
    await monitors.drain();
    expect(sent.map((g) => g.events.map((e) => e.type))).toEqual([["firing"]]);
    now += 5 * 60_000;
    await monitors.tick();
    await monitors.drain();
    expect(sent).toHaveLength(1);
    now += 6 * 60_000;
    await monitors.tick();
    await monitors.drain();
    expect(sent).toHaveLength(2);
    expect(sent[1]?.events[0]).toMatchObject({ type: "firing", alert: { monitor: "lat", state: "firing" } });
  });

  it("skips a provider with nothing to check against (SL_NOT_FOUND) and keeps the first of duplicate checks", async () => {
    const extent = { model: "m", oldestMs: t0, newestMs: t0 + 2 * hour };
    const { monitors } = service(extent, 0, () => 0);
    monitors.addProvider({
      kinds: ["latency"],
      checks: async () => Promise.reject(new SightlineError("SL_NOT_FOUND", "no reference")),
    });
    monitors.addProvider(latencyProvider([]));
    const checks = await monitors.checksFor("m", { fromMs: t0 + hour, toMs: t0 + 2 * hour }, [monitor], t0);
    expect(checks).toHaveLength(1);
    monitors.addProvider({
      kinds: ["latency"],
      checks: async () => Promise.reject(new Error("disk on fire")),
    });
    await expect(monitors.checksFor("m", { fromMs: t0, toMs: t0 + hour }, [monitor], t0)).rejects.toThrow(
      "disk on fire",
    );
  });

  it("keeps alerts of monitors of other window sizes and resolves those of monitors switched off", async () => {
    const extent = { model: "m", oldestMs: t0, newestMs: t0 + 3 * hour };
    const { monitors, events, store } = service(extent, 0, () => 0);
    const daily = { ...monitor, name: "daily", window: "1d", windowMs: 24 * hour };
    // The hourly monitor fires in hour 1; a daily window then closes and must leave that alert alone.
    await monitors.tick();
    expect(events.map((e) => e.type)).toEqual(["firing"]);
    await monitors.evaluateWindow("m", [daily], { fromMs: t0 - 24 * hour, toMs: t0 }, t0);
    expect(events.map((e) => e.type)).toEqual(["firing"]);
    expect((await store.listAlerts({ state: "firing", limit: 10 })).map((a) => a.monitor)).toEqual(["lat"]);
    // Switched off (here: a service whose file no longer has it), the alert resolves on the next tick.
    const off = new MonitorService({
      store: { alerts: store, listContracts: async () => [], performance: noLabels },
      file: { monitors: [{ ...monitor, enabled: false }], enabled: {}, notifiers: [] },
      providers: [],
      notifiers: [],
      publicUrl: () => "",
      graceMs: 0,
      intervalMs: 60_000,
      now: () => 0,
    });
    await off.tick();
    expect(events.map((e) => e.type)).toEqual(["firing", "resolved"]);
  });

  it("turns a retrain verdict into an advice alert sent to the retraining webhook only", async () => {
    const sent: { notifier: string; group: NotificationGroup }[] = [];
    const notifier = (name: string, type: Notifier["type"]): Notifier => ({
      name,
      type,
      send: async (group) => void sent.push({ notifier: name, group }),
    });
    const mem = memoryStore({ model: "m", oldestMs: t0, newestMs: t0 + 2 * hour });
    const advice: Monitor = { ...monitor, name: "retrain", kind: "advice", threshold: { calibrated: true } };
    const monitors = new MonitorService({
      store: { alerts: mem.store, listContracts: async () => [], performance: noLabels },
      file: { monitors: [advice], enabled: {}, notifiers: [] },
      providers: [
        {
          kinds: ["performance"],
          checks: async (q) => {
            const bad = q.window.fromMs >= t0 + hour;
            return [
              {
                model: "m",
                version: null,
                segment: null,
                window: q.window,
                kind: "performance",
                subject: "overall",
                metric: "f1",
                value: bad ? 0.5 : 0.9,
                threshold: 0.8,
                breached: bad,
                rows: 1000,
                evidence: {},
              },
            ];
          },
        },
      ],
      notifiers: [notifier("pipeline", "retraining"), notifier("team", "webhook")],
      publicUrl: () => "",
      graceMs: 0,
      intervalMs: 60_000,
      now: () => 0,
    });
    await monitors.tick();
    await monitors.drain();
    expect(mem.events.map((e) => [e.type, e.alert.kind, (e.atMs - t0) / hour])).toEqual([
      ["firing", "advice", 2],
    ]);
    expect(mem.events[0]?.alert.evidence.check).toMatchObject({ verdict: "retrain" });
    // Advice alerts go to every notifier when the monitor names none; a performance alert would skip "pipeline".
    expect(sent.map((s) => s.notifier).sort()).toEqual(["pipeline", "team"]);
  });
});

// Regression: performance monitors were judged when a window closed, before its labels arrived, so they
// never breached.
describe("MonitorService.tick with a label delay", () => {
  /** F1 0.5 (bad) in hour 0; labels for hour h arrive at h + 3 h: immature before that. */
  function performanceProvider(asked: number[], extent: ModelExtent): CheckProvider {
    return {
      kinds: ["performance"],
      checks: async (q: CheckQuery): Promise<Check[]> => {
        const h = (q.window.fromMs - t0) / hour;
        asked.push(h);
        const labelled = extent.newestMs >= q.window.toMs + 3 * hour ? 200 : 20;
        return [
          {
            model: q.model,
            version: null,
            segment: null,
            window: q.window,
            kind: "performance",
            subject: "overall",
            metric: "f1",
            value: h === 0 ? 0.5 : 0.9,
            threshold: 0.8,
            breached: h === 0 && labelled >= 100,
            rows: labelled,
            evidence: { labelled },
            ...(labelled < 100 ? { immature: true } : {}),
          },
        ];
      },
    };
  }

  function delayed(
    delayMs: number | undefined,
    lag: { labels: number; quantileMs: number | null } = { labels: 0, quantileMs: null },
    reuse?: { extent: ModelExtent; mem: ReturnType<typeof memoryStore>; asked: number[] },
  ) {
    const extent = reuse?.extent ?? { model: "m", oldestMs: t0, newestMs: t0 };
    const asked = reuse?.asked ?? [];
    const mem = reuse?.mem ?? memoryStore(extent);
    const perf: Monitor = {
      ...monitor,
      name: "perf",
      kind: "performance",
      threshold: { calibrated: true },
      ...(delayMs === undefined ? {} : { delayMs }),
    };
    const lagAsked: number[] = [];
    const monitors = new MonitorService({
      store: {
        alerts: mem.store,
        listContracts: async () => [],
        performance: {
          labelLag: async (_model, span) => {
            lagAsked.push(span.toMs);
            return lag;
          },
        },
      },
      file: { monitors: [perf], enabled: {}, notifiers: [] },
      providers: [performanceProvider(asked, extent)],
      notifiers: [],
      publicUrl: () => "http://ui",
      graceMs: 0,
      intervalMs: 60_000,
      now: () => 0,
    });
    return { monitors, asked, extent, events: mem.events, mem, lagAsked };
  }

  it("judges a window once the clock passes its end + delay, and fires on its labels", async () => {
    const { monitors, asked, extent, events } = delayed(3 * hour);
    extent.newestMs = t0 + 3 * hour;
    await monitors.tick();
    expect(asked).toEqual([]);
    extent.newestMs = t0 + 4 * hour;
    await monitors.tick();
    expect(asked).toEqual([0]);
    expect(events.map((e) => e.type)).toEqual(["firing"]);
  });

  it("judges again a window short of labels, within the look-back, instead of calling it good", async () => {
    const { monitors, asked, extent, events } = delayed(hour);
    extent.newestMs = t0 + 2 * hour;
    await monitors.tick();
    expect(asked).toEqual([0]);
    expect(events).toEqual([]);
    extent.newestMs = t0 + 4 * hour;
    await monitors.tick();
    expect(events.map((e) => [e.type, (e.alert.startsMs - t0) / hour])).toEqual([["firing", 0]]);
    expect(asked.filter((h) => h === 0).length).toBeGreaterThan(1);
  });

  it("without a delay (the old behaviour) never sees hour 0's labels", async () => {
    const { monitors, extent, events } = delayed(0);
    extent.newestMs = t0 + 6 * hour;
    for (let h = 1; h <= 6; h++) {
      extent.newestMs = t0 + h * hour;
      await monitors.tick();
    }
    expect(events).toEqual([]);
  });

  it("waits the observed label lag when the monitor states no delay, and says so in the alert", async () => {
    const { monitors, asked, extent, events, lagAsked } = delayed(undefined, {
      labels: 500,
      quantileMs: 2.5 * hour,
    });
    extent.newestMs = t0 + 3 * hour;
    await monitors.tick();
    expect(asked).toEqual([]);
    extent.newestMs = t0 + 4 * hour;
    await monitors.tick();
    expect(asked).toEqual([0]);
    expect(events.map((e) => e.type)).toEqual(["firing"]);
    expect(events[0]?.alert.evidence.check.label_delay).toEqual({
      delay: "3h",
      source: "observed",
      quantile: 0.95,
      labels: 500,
      lag_ms: 2.5 * hour,
    });
    // The lag is read at each step's clock (event time), not at the wall clock.
    expect(lagAsked).toEqual([t0 + hour, t0 + 2 * hour, t0 + 3 * hour, t0 + 4 * hour]);
  });

  it("falls back to 3 days with too few labels, and says so", async () => {
    const { monitors, asked, extent } = delayed(undefined, { labels: 12, quantileMs: hour });
    extent.newestMs = t0 + 3 * 24 * hour;
    await monitors.tick();
    expect(asked).toEqual([]);
    extent.newestMs = t0 + 3 * 24 * hour + hour;
    await monitors.tick();
    expect(asked).toEqual([0]);
  });

  it("a new service on the same store judges again the windows the last one left short of labels", async () => {
    const first = delayed(hour);
    first.extent.newestMs = t0 + 2 * hour;
    await first.monitors.tick();
    expect(first.asked).toEqual([0]);
    expect(first.events).toEqual([]);
    const second = delayed(hour, undefined, first);
    second.extent.newestMs = t0 + 4 * hour;
    await second.monitors.tick();
    expect(second.events.map((e) => [e.type, (e.alert.startsMs - t0) / hour])).toEqual([["firing", 0]]);
  });
});
