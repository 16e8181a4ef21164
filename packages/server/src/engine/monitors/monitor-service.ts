import { SightlineError } from "../../errors.js";
import type { Store } from "../../store/store.js";
import { type Advice, adviseRetraining } from "../advice/retraining-advice.js";
import { type Alert, type AlertEvent, silenceMatches } from "../alerts/alert.js";
import { type EvaluationResult, evaluateMonitors, type MonitorCheck } from "../alerts/evaluate-monitors.js";
import type { Check, CheckKind, CheckProvider, CheckQuery } from "../check.js";
import { NotificationQueue, type NotificationQueueOptions } from "../notifiers/notification-queue.js";
import { type Notifier, routeEvents } from "../notifiers/notifier.js";
import type { Window } from "../window.js";
import { defaultMonitors, mergeMonitors } from "./default-monitors.js";
import { LABEL_LOOKBACK_MS, maturedWindows, monitorDelayMs } from "./label-delay.js";
import type { Monitor } from "./monitor.js";
import { MonitorScheduler, type SchedulerTimer } from "./monitor-scheduler.js";
import type { MonitorsFile } from "./parse-monitors-file.js";

/** What the monitor service is built from; `now` is the wall clock (silences, acknowledgements, sends). */
export interface MonitorServiceOptions {
  store: Pick<Store, "alerts" | "listContracts">;
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
  /** Per model, window size and delay: windows judged while short of labels, to judge again (label-delay.ts). */
  private readonly immature = new Map<string, Set<number>>();

  constructor(private readonly options: MonitorServiceOptions) {
    this.providers = [...options.providers];
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
  async checksFor(
    model: string,
    window: Window,
    monitors: readonly Monitor[],
    nowMs: number,
  ): Promise<MonitorCheck[]> {
    const kinds = new Set<string>(monitors.map((m) => m.kind));
    const wantsAdvice = kinds.has("advice");
    const scopes = new Map<string, Pick<CheckQuery, "version" | "segment">>();
    for (const m of monitors) {
      const scope: Pick<CheckQuery, "version" | "segment"> = {};
      if (m.version !== null) scope.version = m.version;
      if (m.segment !== null) scope.segment = m.segment;
      scopes.set(JSON.stringify([m.version, m.segment]), scope);
    }
    const checks: MonitorCheck[] = [];
    for (const scope of scopes.values()) {
      const query: CheckQuery = { model, window, nowMs, ...scope };
      const scoped: Check[] = [];
      for (const provider of this.providers) {
        if (!wantsAdvice && !provider.kinds.some((k: CheckKind) => kinds.has(k))) continue;
        scoped.push(...(await checksOf(provider, query)));
      }
      checks.push(...dedupe(scoped));
      if (wantsAdvice) checks.push(adviceCheck(model, window, scope, adviseRetraining(scoped)));
    }
    return checks;
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

  /**
   * Evaluates a window for one delay group; a delayed group whose checks were immature (labels still
   * arriving) remembers the window to judge it again within the look-back.
   */
  private async evaluateDelayed(
    model: string,
    monitors: readonly Monitor[],
    window: Window,
    nowMs: number,
    delayMs: number,
  ): Promise<void> {
    const checks = await this.checksFor(model, window, monitors, nowMs);
    this.options.onWindowChecks?.(model, window, checks);
    await this.applyChecks(model, monitors, checks);
    if (delayMs > 0 && checks.some((c) => c.immature === true)) {
      const key = immatureKey(model, window.toMs - window.fromMs, delayMs);
      const pending = this.immature.get(key) ?? new Set<number>();
      pending.add(window.fromMs);
      this.immature.set(key, pending);
    }
  }

  /**
   * Judges again the windows of a delay group that were short of labels, while their end + delay +
   * LABEL_LOOKBACK_MS is ahead of `clockMs`; a window is forgotten once mature or past the look-back.
   */
  private async retryImmature(
    model: string,
    monitors: readonly Monitor[],
    sizeMs: number,
    delayMs: number,
    clockMs: number,
    nowMs: number,
  ): Promise<void> {
    const key = immatureKey(model, sizeMs, delayMs);
    const pending = this.immature.get(key);
    if (!pending) return;
    for (const fromMs of [...pending].sort((a, b) => a - b)) {
      const window = { fromMs, toMs: fromMs + sizeMs };
      if (window.toMs + delayMs >= clockMs) continue;
      const checks = await this.checksFor(model, window, monitors, nowMs);
      await this.applyChecks(model, monitors, checks);
      const expired = window.toMs + delayMs + LABEL_LOOKBACK_MS <= clockMs;
      if (expired || !checks.some((c) => c.immature === true)) pending.delete(fromMs);
    }
    if (pending.size === 0) this.immature.delete(key);
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
   * Evaluates every window closed since the last tick, per model and window size, in event-time order;
   * a monitor with a delay (performance: 3 days by default) judges a window once the clock passes its end
   * + delay, and again while its labels are short, within the look-back (label-delay.ts).
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
        const byDelay = new Map<number, Monitor[]>();
        for (const m of same) {
          const delay = monitorDelayMs(m);
          byDelay.set(delay, [...(byDelay.get(delay) ?? []), m]);
        }
        for (let n = 0; from + sizeMs <= closedTo && n < limit; n++, from += sizeMs) {
          // Each delay group judges the windows whose end + delay the clock passes in this step.
          for (const [delayMs, group] of byDelay) {
            for (const window of maturedWindows(from, from + sizeMs, sizeMs, delayMs, firstMs)) {
              await this.evaluateDelayed(extent.model, group, window, extent.newestMs, delayMs);
            }
            await this.retryImmature(extent.model, group, sizeMs, delayMs, from + sizeMs, extent.newestMs);
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

function immatureKey(model: string, sizeMs: number, delayMs: number): string {
  return `${model}\u0000${sizeMs}\u0000${delayMs}`;
}

/**
 * A provider's checks; none when it has nothing to check the model against (SL_NOT_FOUND, e.g. no reference
 * uploaded). Other failures propagate: the tick fails and the window is evaluated again on the next one,
 * rather than being judged without its checks.
 */
async function checksOf(provider: CheckProvider, query: CheckQuery): Promise<Check[]> {
  try {
    return await provider.checks(query);
  } catch (error) {
    if (error instanceof SightlineError && error.code === "SL_NOT_FOUND") return [];
    throw error;
  }
}

/**
 * Two providers may compute the same check (e.g. error rate): the first registered wins, so a check is
 * judged once per window and fingerprint.
 */
function dedupe(checks: readonly Check[]): Check[] {
  const seen = new Set<string>();
  return checks.filter((c) => {
    const key = [c.kind, c.subject, c.metric, c.version, c.segment, c.window.fromMs, c.window.toMs].join(
      "\u0000",
    );
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The retraining verdict as a check, so `advice` monitors run through the same state machine. */
function adviceCheck(
  model: string,
  window: Window,
  scope: Pick<CheckQuery, "version" | "segment">,
  advice: Advice,
): MonitorCheck {
  return {
    model,
    version: scope.version ?? null,
    segment: scope.segment ? `${scope.segment.tag}=${scope.segment.value}` : null,
    window: { ...window },
    kind: "advice",
    subject: "retraining",
    metric: "verdict",
    value: advice.verdict === "insufficient_data" ? null : advice.verdict === "retrain" ? 1 : 0,
    threshold: 1,
    breached: advice.verdict === "retrain",
    rows: 0,
    evidence: { verdict: advice.verdict, reasons: advice.reasons, drift_share: advice.drift_share },
  };
}
