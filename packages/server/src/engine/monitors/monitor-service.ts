import { SightlineError } from "../../errors.js";
import type { DelayedProgress, PendingWindow } from "../../store/alert-store.js";
import type { PerformanceStore } from "../../store/performance-store.js";
import type { Store } from "../../store/store.js";
import { type Advice, adviseRetraining } from "../advice/retraining-advice.js";
import { type Alert, type AlertEvent, silenceMatches } from "../alerts/alert.js";
import { type EvaluationResult, evaluateMonitors, type MonitorCheck } from "../alerts/evaluate-monitors.js";
import type { Check, CheckProvider } from "../check.js";
import { NotificationQueue, type NotificationQueueOptions } from "../notifiers/notification-queue.js";
import { type Notifier, routeEvents } from "../notifiers/notifier.js";
import type { Window } from "../window.js";
import { defaultMonitors, mergeMonitors } from "./default-monitors.js";
import { pendingChanges, planDelayedStep } from "./delayed-windows.js";
import { LabelDelays } from "./label-delays.js";
import type { Monitor } from "./monitor.js";
import { checksOf, collectChecks } from "./monitor-checks.js";
import { MonitorScheduler, type SchedulerTimer } from "./monitor-scheduler.js";
import { type LabelDelay, labelDelayJson, usesObservedDelay } from "./observed-label-delay.js";
import type { MonitorsFile } from "./parse-monitors-file.js";

/** What the monitor service is built from; `now` is the wall clock (silences, acknowledgements, sends). */
export interface MonitorServiceOptions {
  store: Pick<Store, "alerts" | "listContracts"> & { performance: Pick<PerformanceStore, "labelLag"> };
  file: MonitorsFile;
  providers: CheckProvider[];
  notifiers: Notifier[];
  /** Base of the UI links alerts carry. */
  publicUrl: () => string;
  /** A window is evaluated once a prediction at or after its end + grace has been seen. */
  graceMs: number;
  now: () => number;
  queue?: NotificationQueueOptions;
  /** Most windows evaluated per model and window size in one tick (catching up after a replay). */
  maxWindowsPerTick?: number;
  /** How often firing alerts are re-sent to Alertmanager notifiers, so they do not expire there. Default 5 min. */
  resendMs?: number;
  /** The fixed schedule of `tick` (ms), its timer (injectable) and where its errors go. */
  intervalMs: number;
  timer?: SchedulerTimer;
  onError?: (error: unknown) => void;
  /** Called with the checks of each closed window as it is evaluated (e.g. to export them as gauges). */
  onWindowChecks?: (model: string, window: Window, checks: readonly MonitorCheck[]) => void;
}

/**
 * Monitors, evaluation and notification, on event time: `tick()` evaluates, for every model, each window
 * that has closed (its end + grace passed by the newest prediction) since the last one evaluated, in
 * order, asking the check providers and feeding the pure state machine; changes are stored with their
 * history, then routed to notifiers through a bounded queue.
 *
 * @example
 * const monitors = new MonitorService({ store, file, providers: [volumeProvider(store.alerts)], notifiers: [], publicUrl: () => url, graceMs: 300_000, now: Date.now });
 * await monitors.tick();
 */
export class MonitorService {
  readonly queue: NotificationQueue;
  /** Runs `tick` on the fixed schedule (once started) and on demand, one at a time. */
  readonly scheduler: MonitorScheduler;
  private readonly providers: CheckProvider[];
  private lastResendMs: number;
  private readonly labelDelays: LabelDelays;

  constructor(private readonly options: MonitorServiceOptions) {
    this.providers = [...options.providers];
    this.labelDelays = new LabelDelays(options.store);
    this.queue = new NotificationQueue(new Map(options.notifiers.map((n) => [n.name, n])), options.queue);
    // Firing alerts were sent when they fired: the first re-send is due one period after start.
    this.lastResendMs = options.now();
    this.scheduler = new MonitorScheduler(
      () => this.tick(),
      options.intervalMs,
      options.onError,
      options.timer,
    );
  }

  /** The wall clock the service was given (silences and acknowledgements are in wall-clock time). */
  now(): number {
    return this.options.now();
  }

  /** Adds a source of checks (drift, performance, registry...). */
  addProvider(provider: CheckProvider): void {
    this.providers.push(provider);
  }

  get notifierNames(): string[] {
    return this.options.notifiers.map((n) => n.name);
  }

  /** Every monitor in force: defaults for models with a reference, overridden by the file, then by the API. */
  async listMonitors(): Promise<Monitor[]> {
    const contracts = await this.options.store.listContracts();
    const api = await this.options.store.alerts.listMonitors();
    return mergeMonitors(
      [defaultMonitors(contracts.map((c) => c.model)), this.options.file.monitors, api],
      this.options.file.enabled,
    );
  }

  async getMonitor(name: string): Promise<Monitor | undefined> {
    return (await this.listMonitors()).find((m) => m.name === name);
  }

  /** Creates or replaces a monitor through the API (it then overrides a default or file monitor of that name). */
  async putMonitor(monitor: Monitor): Promise<void> {
    const unknown = monitor.notify.find((n) => !this.notifierNames.includes(n));
    if (unknown !== undefined) {
      throw new SightlineError("SL_INVALID_MONITOR", `notify names no configured notifier ('${unknown}')`, {
        field: "notify",
      });
    }
    await this.options.store.alerts.saveMonitor({ ...monitor, source: "api" }, this.options.now());
  }

  /**
   * Deletes an API monitor; a default or file monitor cannot be deleted, so it is switched off (an API
   * override with `enabled: false`). False when no monitor has that name.
   */
  async deleteMonitor(name: string): Promise<boolean> {
    const existing = await this.getMonitor(name);
    if (!existing) return false;
    await this.options.store.alerts.deleteMonitor(name);
    const underneath = await this.getMonitor(name);
    if (underneath?.enabled) await this.putMonitor({ ...underneath, enabled: false });
    return true;
  }

  /** The checks of one model and window that the given monitors need, from every provider that has them. */
  checksFor(
    model: string,
    window: Window,
    monitors: readonly Monitor[],
    nowMs: number,
  ): Promise<MonitorCheck[]> {
    return collectChecks(this.providers, model, window, monitors, nowMs);
  }

  /** Evaluates the monitors of one model and window size on one window, stores and notifies the result. */
  async evaluateWindow(
    model: string,
    monitors: readonly Monitor[],
    window: Window,
    nowMs: number,
  ): Promise<EvaluationResult> {
    const checks = await this.checksFor(model, window, monitors, nowMs);
    this.options.onWindowChecks?.(model, window, checks);
    const names = new Set(monitors.map((m) => m.name));
    // Only these monitors' alerts: the evaluator resolves active alerts of monitors it is not given.
    const previous = (await this.options.store.alerts.latestAlerts(model)).filter((a) =>
      names.has(a.monitor),
    );
    return this.apply(monitors, checks, previous);
  }

  /** The delay each monitor uses now, and where it came from (label-delays.ts). */
  currentLabelDelays(monitors: readonly Monitor[]): Promise<Map<string, LabelDelay>> {
    return this.labelDelays.current(monitors);
  }

  /**
   * One step of the clock for the delayed monitors of a model and window size (delayed-windows.ts): judges
   * the windows whose end + delay it passes and the pending ones, oldest first, each check carrying the
   * delay used as `label_delay` evidence; updates `progress` and stores it.
   */
  private async stepDelayed(
    model: string,
    monitors: readonly Monitor[],
    progress: DelayedProgress,
    step: { fromMs: number; sizeMs: number; firstMs: number; nowMs: number },
  ): Promise<void> {
    const clockMs = step.fromMs + step.sizeMs;
    const delays = await this.labelDelays.at(monitors, new Map([[model, clockMs]]));
    const plan = planDelayedStep({ monitors, delays, progress, ...step });
    const add: PendingWindow[] = [];
    const remove: PendingWindow[] = [...plan.stale];
    for (const group of plan.groups) {
      const checks = await this.checksFor(model, group.window, group.monitors, step.nowMs);
      if (group.first) this.options.onWindowChecks?.(model, group.window, checks);
      const delay = labelDelayJson(group.delay);
      const shown = checks.map((c) => ({ ...c, evidence: { ...c.evidence, label_delay: delay } }));
      await this.applyChecks(model, group.monitors, shown);
      const changes = pendingChanges(group, checks, progress.pending, clockMs);
      add.push(...changes.add);
      remove.push(...changes.remove);
    }
    await this.options.store.alerts.saveDelayedProgress(model, step.sizeMs, {
      judgedToMs: plan.judgedToMs,
      add,
      remove,
    });
    for (const [name, ms] of plan.judgedToMs) progress.judgedToMs.set(name, ms);
    const gone = (p: PendingWindow) => remove.some((r) => r.monitor === p.monitor && r.fromMs === p.fromMs);
    progress.pending = [...progress.pending.filter((p) => !gone(p)), ...add];
  }

  private async applyChecks(
    model: string,
    monitors: readonly Monitor[],
    checks: readonly MonitorCheck[],
  ): Promise<EvaluationResult> {
    const names = new Set(monitors.map((m) => m.name));
    const previous = (await this.options.store.alerts.latestAlerts(model)).filter((a) =>
      names.has(a.monitor),
    );
    return this.apply(monitors, checks, previous);
  }

  /** Runs the state machine, stores the changes and queues their notifications. */
  private async apply(
    monitors: readonly Monitor[],
    checks: readonly MonitorCheck[],
    previous: readonly Alert[],
  ): Promise<EvaluationResult> {
    const store = this.options.store.alerts;
    const result = evaluateMonitors({
      monitors,
      checks,
      previous,
      silences: await store.listSilences(this.options.now()),
      nowMs: this.options.now(),
      publicUrl: this.options.publicUrl(),
    });
    await store.saveEvaluation(result.alerts, result.events);
    for (const { notifier, group } of routeEvents(result.events, this.options.notifiers)) {
      this.queue.push(notifier, group);
    }
    return result;
  }

  /**
   * Evaluates every window closed since the last tick, per model and window size, in event-time order.
   * A monitor with a delay (performance: the observed label lag, else 3 days) judges a window once the
   * clock passes its end + delay, and again while its labels are short, within the look-back
   * (label-delay.ts); where each stands is stored, so a restart forgets none.
   */
  async tick(): Promise<void> {
    const store = this.options.store.alerts;
    const monitors = (await this.listMonitors()).filter((m) => m.enabled);
    const limit = this.options.maxWindowsPerTick ?? 1000;
    const enabled = new Set(monitors.map((m) => m.name));
    for (const extent of await store.modelExtents()) {
      const own = monitors.filter((m) => m.model === extent.model);
      // Alerts of monitors deleted or switched off resolve (at the end of their last window).
      const orphans = (await store.latestAlerts(extent.model)).filter(
        (a) => a.state !== "resolved" && !enabled.has(a.monitor),
      );
      if (orphans.length > 0) await this.apply([], [], orphans);
      const sizes = [...new Set(own.map((m) => m.windowMs))];
      for (const sizeMs of sizes) {
        const closedTo = Math.floor((extent.newestMs - this.options.graceMs) / sizeMs) * sizeMs;
        const firstMs = Math.floor(extent.oldestMs / sizeMs) * sizeMs;
        let from = (await store.getProgress(extent.model, sizeMs)) ?? firstMs;
        const same = own.filter((m) => m.windowMs === sizeMs);
        const delayed = same.filter(isDelayed);
        const immediate = same.filter((m) => !isDelayed(m));
        let progress: DelayedProgress | undefined;
        for (let n = 0; from + sizeMs <= closedTo && n < limit; n++, from += sizeMs) {
          const window = { fromMs: from, toMs: from + sizeMs };
          if (immediate.length > 0)
            await this.evaluateWindow(extent.model, immediate, window, extent.newestMs);
          progress ??= await store.getDelayedProgress(extent.model, sizeMs);
          if (delayed.length > 0 || progress.pending.length > 0) {
            const step = { fromMs: from, sizeMs, firstMs, nowMs: extent.newestMs };
            await this.stepDelayed(extent.model, delayed, progress, step);
          }
          await store.setProgress(extent.model, sizeMs, from + sizeMs);
        }
      }
    }
    await this.resendFiring();
  }

  /**
   * Alertmanager forgets a firing alert when its `endsAt` passes; like Prometheus, re-send the firing ones
   * (not silenced) every `resendMs` so they stay firing there until Sightline resolves them.
   */
  private async resendFiring(): Promise<void> {
    const nowMs = this.options.now();
    const targets = this.options.notifiers.filter((n) => n.type === "alertmanager");
    if (targets.length === 0 || nowMs - this.lastResendMs < (this.options.resendMs ?? 300_000)) return;
    this.lastResendMs = nowMs;
    const store = this.options.store.alerts;
    const silences = await store.listSilences(nowMs);
    const firing = await store.listAlerts({ state: "firing", limit: 10_000 });
    const events: AlertEvent[] = firing.map((alert) => ({
      alertId: alert.id,
      model: alert.model,
      monitor: alert.monitor,
      type: "firing",
      atMs: alert.firedMs ?? alert.lastWindowToMs,
      silenced: silences.some((s) => silenceMatches(s, alert, nowMs)),
      alert,
    }));
    for (const { notifier, group } of routeEvents(events, targets)) this.queue.push(notifier, group);
  }

  /** Retraining advice for a model over a window (by default the last closed day), with the checks behind it. */
  async advice(model: string, window: Window, nowMs: number): Promise<{ advice: Advice; checks: Check[] }> {
    const checks: Check[] = [];
    for (const provider of this.providers)
      checks.push(...(await checksOf(provider, { model, window, nowMs })));
    return { advice: adviseRetraining(checks), checks };
  }

  /** Acknowledges an alert (it keeps firing; notifications are not repeated anyway). */
  acknowledge(id: string, by: string): Promise<Alert | undefined> {
    return this.options.store.alerts.acknowledge(id, by, this.options.now());
  }

  /** Waits until queued notifications are sent or given up. */
  drain(): Promise<void> {
    return this.queue.drain();
  }
}

/** Judged after a delay (label-delay.ts): a stated delay above 0, or a performance monitor stating none. */
function isDelayed(monitor: Monitor): boolean {
  return monitor.delayMs === undefined ? usesObservedDelay(monitor) : monitor.delayMs > 0;
}
