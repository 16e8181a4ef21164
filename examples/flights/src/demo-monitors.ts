import type { SightlineApi } from "./sightline-api.js";
import { MODEL } from "./training-pipeline.js";

/** Drift p-values below this alert: about 0.05 over the demo's ~750 daily tests (5 subjects × 150 days), Bonferroni. */
export const DRIFT_P_VALUE = 1e-4;

/** The monitors the demo replaces or adds, as `PUT /api/v1/monitors/{name}` bodies. */
export function demoMonitors(): Record<string, unknown>[] {
  const drift = ["hour", "distance", "origin", "destination", "prediction"].map((subject) => ({
    name: `${MODEL}.drift-${subject}`,
    model: MODEL,
    kind: "drift",
    subject,
    metric: "p_value",
    // The output mix follows the weekday (a model input), so the output is judged a week at a time.
    window: subject === "prediction" ? "1w" : "1d",
    threshold: { below: DRIFT_P_VALUE },
    severity: "warning",
  }));
  return drift;
}

/**
 * Configures the demo's monitors through the API (idempotent). The default `flight-delay.drift` watches
 * every feature at p < 0.05 each day: `weekday` is a single value in a daily window, so it would drift every
 * day, and 0.05 over five subjects a day is an alert every few days on natural variation. It is switched off
 * and replaced by one drift monitor per other subject at a Bonferroni-style p-value. The default quality
 * monitor catches missing features (missing share above the reference's + 1 point, binomial test).
 *
 * @example
 * await configureDemoMonitors(api);
 */
export async function configureDemoMonitors(api: SightlineApi): Promise<void> {
  await api.request("DELETE", `/api/v1/monitors/${MODEL}.drift`);
  for (const monitor of demoMonitors()) {
    await api.request("PUT", `/api/v1/monitors/${encodeURIComponent(String(monitor.name))}`, monitor);
  }
}
