import { describe, expect, it } from "vitest";
import { resolveModelOptions } from "./model-options.js";

describe("resolveModelOptions runId", () => {
  it("keeps a valid runId in the handle's defaults", () => {
    const { defaults, problem } = resolveModelOptions("churn", { version: "v1", runId: "serve-42" });
    expect(problem).toBeUndefined();
    expect(defaults.runId).toBe("serve-42");
  });

  it("names the problem of a runId that is not 1-128 printable ASCII, without throwing", () => {
    for (const runId of ["", "\u00e9t\u00e9", "x".repeat(129), 42]) {
      const { defaults, problem } = resolveModelOptions("churn", { runId });
      expect(problem).toContain("runId");
      expect(defaults.runId).toBeUndefined();
    }
  });
});
