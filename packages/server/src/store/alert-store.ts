import type { Alert, AlertEvent, AlertState, Silence } from "../engine/alerts/alert.js";
import type { LabelMatcher } from "../engine/alerts/alert-label-matchers.js";
import type { Segment } from "../engine/check.js";
import type { Monitor } from "../engine/monitors/monitor.js";

/**
 * Which alerts to list; times filter on the alert's span overlapping `[fromMs, toMs)`, `labels` on the
 * alert's labels as `alertLabels` gives them (every matcher must hold). Filters apply before `limit`.
 * The order is newest start first, then id descending.
 */
export interface AlertQuery {
  state?: AlertState;
  model?: string;
  monitor?: string;
  labels?: readonly LabelMatcher[];
  /** Only alerts after this one in the listing's order (newest start first, then id): the next page. */
  beforeId?: string;
  fromMs?: number;
  toMs?: number;
  limit: number;
}

/** Predictions and errors counted in one window (for volume and error-rate checks). */
export interface WindowCount {
  fromMs: number;
  rows: number;
  errors: number;
}

/** The event-time extent of one model's predictions, for deciding which windows have closed. */
export interface ModelExtent {
  model: string;
  oldestMs: number;
  newestMs: number;
}

/** A window a delayed monitor judged while short of labels (label-delay.ts), to judge again. */
export interface PendingWindow {
  monitor: string;
  fromMs: number;
}

/**
 * Where the delayed monitors of one model and window size stand: per monitor, the end of the last window
 * judged for the first time, and the windows pending (judged while short of labels).
 */
export interface DelayedProgress {
  judgedToMs: Map<string, number>;
  pending: PendingWindow[];
}

/** Changes to a {@link DelayedProgress}: first-judgment ends to set, pending windows to add and remove. */
export interface DelayedProgressUpdate {
  judgedToMs: Map<string, number>;
  add: readonly PendingWindow[];
  remove: readonly PendingWindow[];
}

/**
 * Alerts, their history, silences, API-defined monitors and the scheduler's progress; plain types, no SQL.
 *
 * @example
 * const firing = await store.alerts.listAlerts({ state: "firing", limit: 100 });
 */
export interface AlertStore {
  /** The latest alert of every fingerprint of the model (what the evaluator continues from). */
  latestAlerts(model: string): Promise<Alert[]>;
  /** Upserts alerts (keeping acknowledgements made meanwhile) and appends events, in one transaction. */
  saveEvaluation(alerts: readonly Alert[], events: readonly AlertEvent[]): Promise<void>;
  listAlerts(query: AlertQuery): Promise<Alert[]>;
  getAlert(id: string): Promise<Alert | undefined>;
  /** Marks an alert acknowledged; undefined when there is no such alert. */
  acknowledge(id: string, by: string, atMs: number): Promise<Alert | undefined>;
  /** State changes, oldest first, optionally of one model or alert and within `[fromMs, toMs)`. */
  listEvents(query: {
    model?: string;
    alertId?: string;
    fromMs?: number;
    toMs?: number;
    limit: number;
  }): Promise<AlertEvent[]>;
  saveSilence(silence: Silence): Promise<void>;
  /** Silences not deleted, and (unless `includeExpired`) not expired at `nowMs`. */
  listSilences(nowMs: number, includeExpired?: boolean): Promise<Silence[]>;
  /** Ends a silence now (kept in history); false when there is none. */
  deleteSilence(id: string, nowMs: number): Promise<boolean>;
  /** Monitors defined or overridden through the API (a disabled entry switches a default or file monitor off). */
  listMonitors(): Promise<Monitor[]>;
  saveMonitor(monitor: Monitor, nowMs: number): Promise<void>;
  deleteMonitor(name: string): Promise<boolean>;
  /** End of the last window the scheduler evaluated for the model and window size; null before the first. */
  getProgress(model: string, windowMs: number): Promise<number | null>;
  setProgress(model: string, windowMs: number, evaluatedToMs: number): Promise<void>;
  /** The delayed monitors' first-judgment ends and pending windows for the model and window size. */
  getDelayedProgress(model: string, windowMs: number): Promise<DelayedProgress>;
  /** Applies the changes in one transaction; adding a pending window twice keeps one. */
  saveDelayedProgress(model: string, windowMs: number, update: DelayedProgressUpdate): Promise<void>;
  modelExtents(): Promise<ModelExtent[]>;
  /** Predictions and errors per aligned window of `sizeMs` in `[fromMs, toMs)`, windows without rows left out. */
  windowCounts(query: {
    model: string;
    fromMs: number;
    toMs: number;
    sizeMs: number;
    version?: string;
    segment?: Segment;
  }): Promise<WindowCount[]>;
}
