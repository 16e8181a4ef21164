import { describe, expect, it } from "vitest";
import { rollbackTarget } from "./rollback-target.js";

const promote = (version: string, previous: string | null) =>
  ({ action: "promote", version, previous_version: previous }) as const;
const rollback = (version: string, previous: string | null) =>
  ({ action: "rollback", version, previous_version: previous }) as const;

describe("rollbackTarget", () => {
  it("has nothing to return to before any promote, or after the first one only", () => {
    expect(rollbackTarget([])).toBeNull();
    expect(rollbackTarget([promote("v1", null)])).toBeNull();
  });

  it("returns to the version held before the last promote", () => {
    expect(rollbackTarget([promote("v1", null), promote("v2", "v1"), promote("v3", "v2")])).toBe("v2");
  });

  it("walks further back on repeated rollbacks instead of toggling", () => {
    const history = [promote("v1", null), promote("v2", "v1"), promote("v3", "v2"), rollback("v2", "v3")];
    expect(rollbackTarget(history)).toBe("v1");
    expect(rollbackTarget([...history, rollback("v1", "v2")])).toBeNull();
  });

  it("ignores a promote to the version already held", () => {
    expect(rollbackTarget([promote("v1", null), promote("v2", "v1"), promote("v2", "v2")])).toBe("v1");
  });
});
