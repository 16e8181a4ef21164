import { describe, expect, it } from "vitest";
import { SightlineError } from "../../errors.js";
import type { Alert } from "./alert.js";
import { alertMatchesLabels, maxLabelMatchers, parseLabelMatchers } from "./alert-label-matchers.js";

const alert = {
  model: "fraud",
  monitor: "fraud.drift",
  kind: "drift",
  subject: "amount",
  version: null,
  segment: "region:eu",
  severity: "warning",
  labels: { team: "risk", version: "from-monitor", severity: "from-monitor" },
} as unknown as Alert;

function failure(values: string | string[]): SightlineError {
  try {
    parseLabelMatchers(values);
  } catch (error) {
    if (error instanceof SightlineError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(values)}`);
}

describe("parseLabelMatchers", () => {
  it("reads one or repeated key=value parameters; the value may hold '='", () => {
    expect(parseLabelMatchers(undefined)).toEqual([]);
    expect(parseLabelMatchers("team=ml")).toEqual([{ key: "team", value: "ml" }]);
    expect(parseLabelMatchers(["severity=critical", "expr=a=b"])).toEqual([
      { key: "severity", value: "critical" },
      { key: "expr", value: "a=b" },
    ]);
  });

  it("rejects a matcher without '=', with an empty or invalid key or an empty value, naming `label`", () => {
    for (const bad of ["severity", "=critical", "team=", "bad key=x", "1team=x"]) {
      const error = failure(["team=ml", bad]);
      expect(error.code).toBe("SL_INVALID_QUERY");
      expect(error.details).toEqual({ field: "label" });
      expect(error.message).toMatch(/^label /);
      expect(error.message).toContain(JSON.stringify(bad));
    }
    expect(failure(Array.from({ length: maxLabelMatchers + 1 }, () => "a=b")).message).toContain(
      `at most ${maxLabelMatchers}`,
    );
  });
});

describe("alertMatchesLabels", () => {
  it("matches the labels alertLabels gives: the alert's own fields over the monitor's, version only when set", () => {
    const match = (text: string[]) => alertMatchesLabels(alert, parseLabelMatchers(text));
    expect(match([])).toBe(true);
    expect(match(["team=risk", "segment=region:eu", "kind=drift"])).toBe(true);
    expect(match(["version=from-monitor"])).toBe(true);
    expect(match(["severity=from-monitor"])).toBe(false);
    expect(match(["team=risk", "team=ml"])).toBe(false);
    expect(match(["missing=x"])).toBe(false);
  });
});
