import { SightlineError } from "../../errors.js";
import { type Advice, adviseRetraining } from "../advice/retraining-advice.js";
import type { MonitorCheck } from "../alerts/evaluate-monitors.js";
import type { Check, CheckKind, CheckProvider, CheckQuery } from "../check.js";
import type { Window } from "../window.js";
import type { Monitor } from "./monitor.js";

/**
 * The checks of one model and window that the given monitors need, from every provider that has them:
 * one query per version and segment scope of the monitors, duplicates dropped, and the retraining verdict
 * as a check when an `advice` monitor is among them.
 *
 * @example
 * const checks = await collectChecks(providers, "m", { fromMs, toMs }, monitors, nowMs);
 */
export async function collectChecks(
  providers: readonly CheckProvider[],
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
    for (const provider of providers) {
      if (!wantsAdvice && !provider.kinds.some((k: CheckKind) => kinds.has(k))) continue;
      scoped.push(...(await checksOf(provider, query)));
    }
    checks.push(...dedupe(scoped));
    if (wantsAdvice) checks.push(adviceCheck(model, window, scope, adviseRetraining(scoped)));
  }
  return checks;
}

/**
 * A provider's checks; none when it has nothing to check the model against (SL_NOT_FOUND, e.g. no reference
 * uploaded). Other failures propagate: the tick fails and the window is evaluated again on the next one,
 * rather than being judged without its checks.
 */
export async function checksOf(provider: CheckProvider, query: CheckQuery): Promise<Check[]> {
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
