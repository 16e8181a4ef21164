import { SightlineError } from "../../errors.js";
import type { Alert } from "./alert.js";
import { alertLabels } from "./alert-listing.js";

/** One `key=value` an alert's labels (see `alertLabels`) must hold. */
export interface LabelMatcher {
  key: string;
  value: string;
}

/** At most this many `label` parameters in one query: each is a condition the store evaluates per alert. */
export const maxLabelMatchers = 20;

// A label name as monitors may declare one (parse-monitor.ts); no alert has any other, so a key outside it
// is a typo that would silently match nothing.
const labelName = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function invalid(reason: string): SightlineError {
  return new SightlineError("SL_INVALID_QUERY", `label ${reason}`, { field: "label" });
}

/**
 * The `label` query parameters (`key=value`, repeatable; every one must match) as matchers. Throws
 * SL_INVALID_QUERY naming `label` when one has no `=`, an empty or invalid key, or an empty value.
 *
 * @example
 * parseLabelMatchers(["severity=critical", "team=ml"]); // [{ key: "severity", value: "critical" }, { key: "team", value: "ml" }]
 */
export function parseLabelMatchers(values: string | readonly string[] | undefined): LabelMatcher[] {
  if (values === undefined) return [];
  const list = typeof values === "string" ? [values] : values;
  if (list.length > maxLabelMatchers) throw invalid(`may be given at most ${maxLabelMatchers} times`);
  return list.map((text) => {
    const at = text.indexOf("=");
    const shown = JSON.stringify(text.slice(0, 100));
    if (at < 0) throw invalid(`must be key=value, e.g. severity=critical; got ${shown}`);
    const key = text.slice(0, at);
    const value = text.slice(at + 1);
    if (key === "") throw invalid(`must have a key before '='; got ${shown}`);
    if (!labelName.test(key))
      throw invalid(`key must be a label name ([A-Za-z_][A-Za-z0-9_]*); got ${shown}`);
    if (value === "") throw invalid(`must have a value after '='; got ${shown}`);
    return { key, value };
  });
}

/**
 * True when the alert's labels (`alertLabels`) hold every matcher; what the store's filter computes in SQL.
 *
 * @example
 * alertMatchesLabels(alert, [{ key: "team", value: "risk" }]); // true when the monitor labels it team=risk
 */
export function alertMatchesLabels(alert: Alert, matchers: readonly LabelMatcher[]): boolean {
  const labels = alertLabels(alert);
  return matchers.every((m) => labels[m.key] === m.value);
}
