import { describe, expect, it } from "vitest";
import type { AlertEvent } from "../alerts/alert.js";
import { alertmanagerAlert } from "./alertmanager-notifier.js";
import { NotificationQueue } from "./notification-queue.js";
import { type NotificationGroup, type Notifier, routeEvents } from "./notifier.js";
import { slackMessage } from "./slack-notifier.js";

const t0 = Date.UTC(2024, 2, 1);

function event(
  type: AlertEvent["type"],
  overrides: Partial<AlertEvent["alert"]> = {},
  silenced = false,
): AlertEvent {
  const alert: AlertEvent["alert"] = {
    id: "0190-a",
    fingerprint: "lat|overall|v1|",
    monitor: "lat",
    model: "m",
    kind: "latency",
    subject: "overall",
    version: "v1",
    segment: null,
    severity: "critical",
    labels: { team: "ml" },
    notify: [],
    state: type,
    startsMs: t0,
    firedMs: type === "pending" ? null : t0 + 3_600_000,
    resolvedMs: type === "resolved" ? t0 + 7_200_000 : null,
    lastWindowToMs: t0 + 3_600_000,
    evidence: {
      metric: "p99_ms",
      value: 150,
      threshold: 100,
      rule: { above: 100 },
      window: { fromMs: t0, toMs: t0 + 3_600_000 },
      rows: 10,
      check: {},
      link: "http://ui/models/m",
    },
    acknowledgedMs: null,
    acknowledgedBy: null,
    ...overrides,
  };
  return { alertId: alert.id, model: alert.model, monitor: alert.monitor, type, atMs: t0, silenced, alert };
}

describe("routeEvents", () => {
  const notifiers = [
    { name: "am", type: "alertmanager" as const },
    { name: "hook", type: "webhook" as const },
    { name: "retrain", type: "retraining" as const },
  ];

  it("sends firing and fired-then-resolved events, not pending, silenced or never-fired ones", () => {
    const routed = routeEvents(
      [
        event("pending"),
        event("firing"),
        event("resolved"),
        event("resolved", { firedMs: null }),
        event("firing", {}, true),
      ],
      notifiers,
    );
    expect(routed.map((r) => [r.notifier, r.group.events.map((e) => e.type)])).toEqual([
      ["am", ["firing", "resolved"]],
      ["hook", ["firing", "resolved"]],
    ]);
  });

  it("groups per model, honours named notifiers and gives retraining notifiers only advice", () => {
    const routed = routeEvents(
      [
        event("firing"),
        event("firing", { model: "n" }),
        event("firing", { notify: ["hook"] }),
        event("firing", { kind: "advice" }),
      ],
      notifiers,
    );
    const summary = routed.map((r) => `${r.notifier}:${r.group.model}:${r.group.events.length}`).sort();
    expect(summary).toEqual(["am:m:2", "am:n:1", "hook:m:3", "hook:n:1", "retrain:m:1"]);
  });
});

describe("payloads", () => {
  it("makes Alertmanager v2 alerts with labels, annotations and start/end", () => {
    const firing = alertmanagerAlert(event("firing"), t0 + 10);
    expect(firing).toMatchObject({
      labels: {
        alertname: "lat",
        model: "m",
        subject: "overall",
        severity: "critical",
        version: "v1",
        team: "ml",
      },
      startsAt: new Date(t0).toISOString(),
      endsAt: new Date(t0 + 10 + 3_600_000).toISOString(),
      generatorURL: "http://ui/models/m",
    });
    expect(alertmanagerAlert(event("resolved"), t0).endsAt).toBe(new Date(t0 + 7_200_000).toISOString());
  });

  it("makes a Slack message with a text fallback and a block per alert", () => {
    const message = slackMessage({ model: "m", events: [event("firing"), event("resolved")] });
    expect(message.text).toMatch(/^Sightline m: 1 firing, 1 resolved/);
    expect(message.text).toMatch(/p99_ms = 150 \(threshold 100\)/);
    expect(message.blocks).toHaveLength(3);
  });
});

describe("NotificationQueue", () => {
  const group: NotificationGroup = { model: "m", events: [event("firing")] };

  it("retries with doubling backoff and counts a failure after the last attempt", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const flaky: Notifier = {
      name: "x",
      type: "webhook",
      send: async () => {
        calls += 1;
        if (calls < 3) throw new Error("503");
      },
    };
    const queue = new NotificationQueue(new Map([["x", flaky]]), {
      backoffMs: 10,
      sleep: async (ms) => void sleeps.push(ms),
    });
    queue.push("x", group);
    await queue.drain();
    expect([calls, queue.stats.sent, sleeps]).toEqual([3, 1, [10, 20]]);
    const dead: Notifier = {
      name: "d",
      type: "webhook",
      send: async () => Promise.reject(new Error("down")),
    };
    const errors: string[] = [];
    const q2 = new NotificationQueue(new Map([["d", dead]]), {
      attempts: 2,
      sleep: async () => undefined,
      onError: (n) => void errors.push(n),
    });
    q2.push("d", group);
    await q2.drain();
    expect([q2.stats.failed, errors]).toEqual([1, ["d"]]);
  });

  it("drops the oldest groups beyond its bound", async () => {
    let release: () => void = () => undefined;
    const sent: string[] = [];
    const slow: Notifier = {
      name: "s",
      type: "webhook",
      send: (g) => {
        sent.push(g.model);
        return sent.length === 1
          ? new Promise<void>((resolve) => {
              release = resolve;
            })
          : Promise.resolve();
      },
    };
    const queue = new NotificationQueue(new Map([["s", slow]]), { maxQueued: 2 });
    for (const model of ["a", "b", "c", "d"]) queue.push("s", { model, events: [] });
    release();
    await queue.drain();
    expect(sent).toEqual(["a", "c", "d"]);
    expect(queue.stats.dropped).toBe(1);
  });
});
