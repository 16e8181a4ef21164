import type { LabelMatcher } from "../../engine/alerts/alert-label-matchers.js";

/** A SQL condition on the `alerts` table with its parameters. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

// The alert's own fields that `alertLabels` puts over the monitor's labels: always (kind, subject, severity)
// or only when set (version, segment, which are JSON null otherwise and leave a monitor label of that name).
const alwaysOwn = new Set(["kind", "subject", "severity"]);
const ownWhenSet = new Set(["version", "segment"]);

/**
 * The condition that an alert's labels (as `alertLabels` builds them from the row's columns and JSON `body`)
 * hold `key=value`, so the filter runs in the query, before its LIMIT. Keys are label names
 * (parseLabelMatchers), and go in as parameters all the same.
 *
 * @example
 * alertLabelCondition({ key: "team", value: "ml" }); // { sql: "json_extract_string(body, ?) = ?", params: ["$.labels.team", "ml"] }
 */
export function alertLabelCondition(matcher: LabelMatcher): SqlCondition {
  const { key, value } = matcher;
  if (key === "model" || key === "monitor") return { sql: `${key} = ?`, params: [value] };
  if (alwaysOwn.has(key)) return { sql: "json_extract_string(body, ?) = ?", params: [`$.${key}`, value] };
  if (ownWhenSet.has(key)) {
    return {
      sql: "coalesce(json_extract_string(body, ?), json_extract_string(body, ?)) = ?",
      params: [`$.${key}`, `$.labels.${key}`, value],
    };
  }
  return { sql: "json_extract_string(body, ?) = ?", params: [`$.labels.${key}`, value] };
}
