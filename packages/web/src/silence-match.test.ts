import { describe, expect, it } from "vitest";
import type { AlertJson, SilenceJson } from "./api/types.js";
import { silenceOver } from "./silence-match.js";

const alert = {
  model: "m",
  monitor: "m.drift",
  subject: "distance",
  severity: "warning",
  version: "v1",
  segment: null,
  kind: "drift",
} as AlertJson;

const silence = (matchers: Record<string, string>, until = "2024-03-02T00:00:00Z"): SilenceJson => ({
  id: "s",
  matchers,
  starts_at: "2024-03-01T00:00:00Z",
  until,
  created_by: "ui",
  comment: "",
});

describe("silenceOver", () => {
  const now = Date.parse("2024-03-01T12:00:00Z");

  it("finds a silence whose every matcher equals the alert's field, while in force", () => {
    expect(silenceOver(alert, [silence({ model: "m", subject: "distance" })], now)?.id).toBe("s");
    expect(silenceOver(alert, [silence({ model: "m", subject: "origin" })], now)).toBeUndefined();
    expect(silenceOver(alert, [silence({ model: "m" }, "2024-03-01T06:00:00Z")], now)).toBeUndefined();
  });

  it("never matches a null field or an unknown key", () => {
    expect(silenceOver(alert, [silence({ segment: "region:eu" })], now)).toBeUndefined();
    expect(silenceOver(alert, [silence({ team: "ml" })], now)).toBeUndefined();
  });
});
