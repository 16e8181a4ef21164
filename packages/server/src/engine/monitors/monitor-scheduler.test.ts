import { describe, expect, it } from "vitest";
import { MonitorScheduler, type SchedulerTimer } from "./monitor-scheduler.js";

function manualTimer() {
  const callbacks: (() => void)[] = [];
  const timer: SchedulerTimer = {
    setInterval: (callback) => callbacks.push(callback),
    clearInterval: () => callbacks.splice(0),
  };
  return {
    timer,
    fire: () => {
      for (const c of callbacks) c();
    },
    count: () => callbacks.length,
  };
}

describe("MonitorScheduler", () => {
  it("runs on each timer beat and on demand, one tick at a time, and reports errors without stopping", async () => {
    const { timer, fire, count } = manualTimer();
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const errors: unknown[] = [];
    const scheduler = new MonitorScheduler(
      async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active -= 1;
        runs += 1;
        if (runs === 2) throw new Error("boom");
      },
      60_000,
      (error) => errors.push(error),
      timer,
    );
    scheduler.start();
    expect(count()).toBe(1);
    fire();
    fire();
    await scheduler.runNow();
    expect([runs, maxActive, errors.length]).toEqual([3, 1, 1]);
    await scheduler.stop();
    expect(count()).toBe(0);
  });
});
