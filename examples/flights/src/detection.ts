import { DAY_MS } from "./flight.js";
import type { InjectedFailure, Scenario } from "./scenario.js";

/** The fields of an alert (as `GET /api/v1/alerts` answers) the summary reads. */
export interface AlertSummary {
  id: string;
  state: string;
  monitor: string;
  kind: string;
  subject: string;
  version: string | null;
  starts_at: string | null;
  fired_at: string | null;
}

/** Whether and when one injected failure was caught. */
export interface FailureDetection {
  failure: InjectedFailure;
  detected: boolean;
  alert: AlertSummary | null;
  /** 1 when the alert's first bad window is the failure's first day, 2 the day after, … */
  window: number | null;
}

/** The demo's verdict on the alerts it raised. */
export interface DetectionSummary {
  failures: FailureDetection[];
  /** Alerts that fired in the quiet period (should be none). */
  quietAlerts: AlertSummary[];
  /** Drift alerts that fired outside the failures (natural drift between months). */
  naturalDriftAlerts: AlertSummary[];
  firedAlerts: number;
}

function startMs(alert: AlertSummary): number {
  return alert.starts_at === null ? Number.NaN : Date.parse(alert.starts_at);
}

/**
 * Matches fired alerts to the injected failures: a failure is detected by a fired alert of its expected
 * kind (and subject) whose first bad window starts within `detectWithinWindows` days of the failure's start.
 *
 * @example
 * const { failures } = summarizeDetection(demoScenario(true), alerts);
 * failures.every((f) => f.detected);
 */
export function summarizeDetection(scenario: Scenario, alerts: readonly AlertSummary[]): DetectionSummary {
  const fired = alerts.filter((a) => a.fired_at !== null);
  const failures = scenario.failures.map((failure): FailureDetection => {
    const limit = failure.startMs + scenario.detectWithinWindows * DAY_MS;
    const matches = fired
      .filter((a) => a.kind === failure.expect.kind)
      .filter((a) => failure.expect.subject === undefined || a.subject === failure.expect.subject)
      .filter((a) => startMs(a) >= failure.startMs && startMs(a) < limit)
      .sort((a, b) => startMs(a) - startMs(b));
    const alert = matches[0] ?? null;
    return {
      failure,
      detected: alert !== null,
      alert,
      window: alert === null ? null : Math.floor((startMs(alert) - failure.startMs) / DAY_MS) + 1,
    };
  });
  const duringFailure = (a: AlertSummary) =>
    scenario.failures.some(
      (f) => startMs(a) >= f.startMs && startMs(a) < f.endMs + scenario.detectWithinWindows * DAY_MS,
    );
  return {
    failures,
    quietAlerts: fired.filter((a) => startMs(a) >= scenario.fromMs && startMs(a) < scenario.quietUntilMs),
    naturalDriftAlerts: fired.filter((a) => a.kind === "drift" && !duringFailure(a)),
    firedAlerts: fired.length,
  };
}
