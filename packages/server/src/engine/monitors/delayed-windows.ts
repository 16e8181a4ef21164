import type { DelayedProgress, DelayedProgressUpdate, PendingWindow } from "../../store/alert-store.js";
import type { MonitorCheck } from "../alerts/evaluate-monitors.js";
import type { Window } from "../window.js";
import { LABEL_LOOKBACK_MS, maturedWindows } from "./label-delay.js";
import type { Monitor } from "./monitor.js";
import type { LabelDelay } from "./observed-label-delay.js";

/** Delayed monitors sharing one window and one delay, judged together; `first` when any judges it anew. */
export interface DelayedGroup {
  window: Window;
  delay: LabelDelay;
  monitors: Monitor[];
  first: boolean;
}

/** What a step of the clock asks of the delayed monitors. */
export interface DelayedStep {
  /** Oldest window first. */
  groups: DelayedGroup[];
  /** First-judgment ends that moved. */
  judgedToMs: Map<string, number>;
  /** Pending windows of monitors that are no longer delayed (deleted, disabled, delay 0). */
  stale: PendingWindow[];
}

/**
 * The windows the delayed monitors of one model and window size judge when the clock steps from `fromMs`
 * to `fromMs + sizeMs` (pure): per monitor, each window whose end + delay the clock has passed since the
 * end it last judged (so a delay that shrinks between steps skips no window and one that grows judges
 * none twice; at most the look-back behind, so a monitor switched back on does not replay its history),
 * and each pending window whose end + delay is behind the clock. A monitor with no recorded end starts
 * where the clock's previous step left it.
 *
 * @example
 * planDelayedStep({ monitors: [perf], delays: new Map([["perf", { delayMs: hour, source: "stated" }]]),
 *   progress: { judgedToMs: new Map(), pending: [] }, fromMs: 2 * hour, sizeMs: hour, firstMs: 0 });
 * // { groups: [{ window: { fromMs: hour, toMs: 2 * hour }, ... }], judgedToMs: Map { "perf" => 2 * hour }, stale: [] }
 */
export function planDelayedStep(input: {
  monitors: readonly Monitor[];
  delays: ReadonlyMap<string, LabelDelay>;
  progress: DelayedProgress;
  fromMs: number;
  sizeMs: number;
  firstMs: number;
}): DelayedStep {
  const { sizeMs, fromMs } = input;
  const clockMs = fromMs + sizeMs;
  const floorEnd = (ms: number) => Math.floor(ms / sizeMs) * sizeMs;
  const groups = new Map<string, DelayedGroup>();
  const add = (window: Window, delay: LabelDelay, monitor: Monitor, first: boolean) => {
    const key = `${window.fromMs}\u0000${delay.delayMs}\u0000${delay.source}`;
    const group = groups.get(key) ?? { window, delay, monitors: [], first: false };
    if (!group.monitors.includes(monitor)) group.monitors.push(monitor);
    group.first ||= first;
    groups.set(key, group);
  };
  const judgedToMs = new Map<string, number>();
  for (const monitor of input.monitors) {
    const delay = input.delays.get(monitor.name);
    if (delay === undefined) continue;
    const d = delay.delayMs;
    const stored = input.progress.judgedToMs.get(monitor.name);
    const judgedTo =
      stored === undefined
        ? floorEnd(fromMs - d)
        : Math.max(stored, floorEnd(fromMs - d - LABEL_LOOKBACK_MS));
    for (const window of maturedWindows(judgedTo + d, clockMs, sizeMs, d, input.firstMs)) {
      add(window, delay, monitor, true);
    }
    const next = Math.max(judgedTo, floorEnd(clockMs - d));
    if (next !== stored) judgedToMs.set(monitor.name, next);
    for (const p of input.progress.pending) {
      if (p.monitor === monitor.name && p.fromMs + sizeMs + d < clockMs) {
        add({ fromMs: p.fromMs, toMs: p.fromMs + sizeMs }, delay, monitor, false);
      }
    }
  }
  const delayed = new Set(input.monitors.filter((m) => input.delays.has(m.name)).map((m) => m.name));
  return {
    groups: [...groups.values()].sort(
      (a, b) => a.window.fromMs - b.window.fromMs || a.delay.delayMs - b.delay.delayMs,
    ),
    judgedToMs,
    stale: input.progress.pending.filter((p) => !delayed.has(p.monitor)),
  };
}

/**
 * After a group is judged at `clockMs`: a monitor whose checks were immature (short of labels) keeps the
 * window pending while its end + delay + LABEL_LOOKBACK_MS is ahead of the clock; a mature or expired one
 * is dropped (pure).
 *
 * @example
 * pendingChanges(group, checks, pending, clockMs); // { add: [{ monitor: "perf", fromMs }], remove: [] }
 */
export function pendingChanges(
  group: DelayedGroup,
  checks: readonly MonitorCheck[],
  pending: readonly PendingWindow[],
  clockMs: number,
): Pick<DelayedProgressUpdate, "add" | "remove"> {
  const add: PendingWindow[] = [];
  const remove: PendingWindow[] = [];
  const expired = group.window.toMs + group.delay.delayMs + LABEL_LOOKBACK_MS <= clockMs;
  for (const monitor of group.monitors) {
    const entry = { monitor: monitor.name, fromMs: group.window.fromMs };
    const immature = checks.some((c) => c.immature === true && c.kind === monitor.kind);
    const isPending = pending.some((p) => p.monitor === entry.monitor && p.fromMs === entry.fromMs);
    if (immature && !expired && !isPending) add.push(entry);
    if ((!immature || expired) && isPending) remove.push(entry);
  }
  return { add, remove };
}
