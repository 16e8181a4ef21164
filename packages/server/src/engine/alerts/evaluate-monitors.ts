import type { Check } from "../check.js";
import type { Monitor, MonitorKind } from "../monitors/monitor.js";
import { type Alert, type AlertEvent, type Silence, silenceMatches } from "./alert.js";
import { alertId } from "./alert-id.js";
import { alertLink } from "./alert-link.js";

/** A check as monitors see it: any check, or an `advice` verdict turned into a check. */
export type MonitorCheck = Omit<Check, "kind"> & { kind: MonitorKind };

/** What one evaluation takes: every input explicit, no clock. */
export interface EvaluationInput {
  monitors: readonly Monitor[];
  checks: readonly MonitorCheck[];
  /** The latest alert of each fingerprint from earlier evaluations (active or resolved). */
  previous: readonly Alert[];
  silences: readonly Silence[];
  /** When silences are judged (their spans are in wall-clock time set by people). */
  nowMs: number;
  publicUrl: string;
}

/** Alerts created or changed (to upsert) and the state changes (to keep as history and notify). */
export interface EvaluationResult {
  alerts: Alert[];
  events: AlertEvent[];
}

/** The alert identity: one active alert per monitor, subject, version and segment. */
export function alertFingerprint(
  monitor: string,
  check: Pick<Check, "subject" | "version" | "segment">,
): string {
  return `${monitor}|${check.subject}|${check.version ?? ""}|${check.segment ?? ""}`;
}

function matches(monitor: Monitor, check: MonitorCheck): boolean {
  const segment = monitor.segment ? `${monitor.segment.tag}=${monitor.segment.value}` : null;
  return (
    check.model === monitor.model &&
    check.kind === monitor.kind &&
    (monitor.subject === "*" || check.subject === monitor.subject) &&
    !(monitor.exclude ?? []).includes(check.subject) &&
    (monitor.metric === null || check.metric === monitor.metric) &&
    (monitor.version === null || check.version === monitor.version) &&
    check.segment === segment &&
    check.window.toMs - check.window.fromMs === monitor.windowMs
  );
}

/** Whether the check is bad under the monitor's rule, and the bound it was judged against. */
function judge(monitor: Monitor, check: MonitorCheck): { bad: boolean; threshold: number | null } {
  const rule = monitor.threshold;
  const value = check.value as number;
  if ("above" in rule) return { bad: value > rule.above, threshold: rule.above };
  if ("below" in rule) return { bad: value < rule.below, threshold: rule.below };
  return { bad: check.breached, threshold: check.threshold };
}

/**
 * Resolves a monitor's active alerts of a version that stopped being served: at the first later window the
 * monitor has checks for, all of other versions. Such a version cannot show a good window any more, so
 * without this its alert would fire forever (Prometheus likewise resolves an alert whose series is gone).
 */
function resolveSuperseded(
  monitor: Monitor,
  checks: readonly MonitorCheck[],
  active: Map<string, Alert>,
  resolve: (alert: Alert, atMs: number) => void,
): void {
  const served = new Map<number, { window: MonitorCheck["window"]; versions: Set<string> }>();
  for (const check of checks) {
    if (check.version === null || check.immature || !matches(monitor, check)) continue;
    const entry = served.get(check.window.toMs) ?? { window: check.window, versions: new Set<string>() };
    entry.versions.add(check.version);
    served.set(check.window.toMs, entry);
  }
  if (served.size === 0) return;
  const windows = [...served.values()].sort((a, b) => a.window.toMs - b.window.toMs);
  for (const alert of [...active.values()]) {
    if (alert.monitor !== monitor.name || alert.version === null) continue;
    const version = alert.version;
    const next = windows.find((w) => w.window.toMs > alert.lastWindowToMs && !w.versions.has(version));
    if (!next) continue;
    alert.lastWindowToMs = next.window.toMs;
    alert.evidence = {
      ...alert.evidence,
      check: { ...alert.evidence.check, superseded_by: [...next.versions].sort() },
    };
    resolve(alert, next.window.toMs);
  }
}

/**
 * The alert state machine, pure and on event time. For each enabled monitor, the checks it selects are
 * applied per fingerprint in window order, one per window (a bad one first when several metrics share a
 * subject; windows already applied are skipped, so re-evaluating is
 * idempotent and replays give the same history): a bad window opens a pending alert dated from the window's
 * start; it fires once the condition has held `forMs` (window end − start ≥ forMs, so `for: 0` or one window
 * fires at once); a good window resolves it; a gap between bad windows restarts a pending alert; a check
 * without a value, or immature (labels still arriving), changes nothing. Alerts of monitors no longer enabled
 * resolve, and so do alerts of a version no longer served (resolveSuperseded). Silences mark events
 * `silenced` (kept, not notified).
 *
 * @example
 * const { alerts, events } = evaluateMonitors({ monitors, checks, previous, silences: [], nowMs, publicUrl });
 */
export function evaluateMonitors(input: EvaluationInput): EvaluationResult {
  const changed = new Map<string, Alert>();
  const events: AlertEvent[] = [];
  const active = new Map<string, Alert>();
  // Windows up to here were applied to a fingerprint already: re-evaluating them changes nothing.
  const applied = new Map<string, number>();
  for (const alert of input.previous) {
    applied.set(alert.fingerprint, Math.max(applied.get(alert.fingerprint) ?? 0, alert.lastWindowToMs));
    if (alert.state !== "resolved")
      active.set(alert.fingerprint, { ...alert, evidence: { ...alert.evidence } });
  }
  const emit = (alert: Alert, type: AlertEvent["type"], atMs: number) => {
    changed.set(alert.id, alert);
    events.push({
      alertId: alert.id,
      model: alert.model,
      monitor: alert.monitor,
      type,
      atMs,
      silenced: input.silences.some((s) => silenceMatches(s, alert, input.nowMs)),
      alert: { ...alert, evidence: { ...alert.evidence } },
    });
  };
  const resolve = (alert: Alert, atMs: number) => {
    alert.state = "resolved";
    alert.resolvedMs = atMs;
    active.delete(alert.fingerprint);
    emit(alert, "resolved", atMs);
  };

  const enabled = input.monitors.filter((m) => m.enabled);
  for (const monitor of enabled) {
    const byFingerprint = new Map<string, MonitorCheck[]>();
    for (const check of input.checks) {
      if (!matches(monitor, check)) continue;
      const fp = alertFingerprint(monitor.name, check);
      const list = byFingerprint.get(fp) ?? [];
      list.push(check);
      byFingerprint.set(fp, list);
    }
    for (const [fp, checks] of byFingerprint) {
      // One check per window counts for a fingerprint: of several (a feature's missing, unseen and
      // out-of-range shares under one quality monitor), a bad one, else one with a value.
      const rank = (c: MonitorCheck) =>
        c.value === null || !Number.isFinite(c.value) ? 2 : judge(monitor, c).bad ? 0 : 1;
      checks.sort((a, b) => a.window.toMs - b.window.toMs || rank(a) - rank(b));
      for (const check of checks) {
        let alert = active.get(fp);
        if (check.immature) continue;
        if (check.window.toMs <= (applied.get(fp) ?? Number.NEGATIVE_INFINITY)) continue;
        applied.set(fp, check.window.toMs);
        if (check.value === null || !Number.isFinite(check.value)) continue;
        const { bad, threshold } = judge(monitor, check);
        const evidence = {
          metric: check.metric,
          value: check.value,
          threshold,
          rule: monitor.threshold,
          window: { ...check.window },
          rows: check.rows,
          check: { ...check.evidence, breached: check.breached, calibrated_threshold: check.threshold },
          link: alertLink(input.publicUrl, monitor.model, check.window, check.subject),
        };
        if (!bad) {
          if (alert) {
            alert.lastWindowToMs = check.window.toMs;
            alert.evidence = evidence;
            resolve(alert, check.window.toMs);
          }
          continue;
        }
        if (alert && alert.state === "pending" && check.window.fromMs > alert.lastWindowToMs) {
          resolve(alert, alert.lastWindowToMs);
          alert = undefined;
        }
        if (!alert) {
          alert = {
            id: alertId(fp, check.window.fromMs),
            fingerprint: fp,
            monitor: monitor.name,
            model: monitor.model,
            kind: monitor.kind,
            subject: check.subject,
            version: check.version,
            segment: check.segment,
            severity: monitor.severity,
            labels: { ...monitor.labels },
            notify: [...monitor.notify],
            state: "pending",
            startsMs: check.window.fromMs,
            firedMs: null,
            resolvedMs: null,
            lastWindowToMs: check.window.toMs,
            evidence,
            acknowledgedMs: null,
            acknowledgedBy: null,
          };
          active.set(fp, alert);
        }
        alert.lastWindowToMs = check.window.toMs;
        alert.evidence = evidence;
        changed.set(alert.id, alert);
        if (alert.state === "pending") {
          if (check.window.toMs - alert.startsMs >= monitor.forMs) {
            alert.state = "firing";
            alert.firedMs = check.window.toMs;
            emit(alert, "firing", check.window.toMs);
          } else if (alert.startsMs === check.window.fromMs) {
            emit(alert, "pending", check.window.toMs);
          }
        }
      }
    }
    resolveSuperseded(monitor, input.checks, active, resolve);
  }
  const enabledNames = new Set(enabled.map((m) => m.name));
  for (const alert of [...active.values()]) {
    if (!enabledNames.has(alert.monitor)) resolve(alert, alert.lastWindowToMs);
  }
  return { alerts: [...changed.values()], events };
}
