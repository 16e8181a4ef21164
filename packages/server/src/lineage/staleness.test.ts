import { describe, expect, it } from "vitest";
import { type DependencyFact, staleThresholdMs, staleWarnings } from "./staleness.js";

const dayMs = 86_400_000;
const fact = (over: Partial<DependencyFact>): DependencyFact => ({
  runId: "r",
  runStartMs: 100 * dayMs,
  dependencyId: "d",
  dependencyComponent: "clean",
  dependencyStartMs: 100 * dayMs,
  fresherRuns: 0,
  ...over,
});

describe("staleness, as mltrace's commit_component_run", () => {
  it("warns when a dependency started more than the threshold before the run, with whole days", () => {
    const ageMs = 45 * dayMs + 5 * 3_600_000;
    const [w] = staleWarnings([fact({ dependencyStartMs: 100 * dayMs - ageMs })], staleThresholdMs(30));
    expect(w).toMatchObject({ reason: "old_dependency", days: Math.floor(ageMs / dayMs) });
    expect(w?.message).toBe(`clean (ID d) was run ${Math.floor(ageMs / dayMs)} days ago.`);
  });

  it("is strict at the threshold, as mltrace's time_diff > threshold", () => {
    const threshold = staleThresholdMs(30);
    expect(staleWarnings([fact({ dependencyStartMs: 100 * dayMs - threshold })], threshold)).toEqual([]);
    expect(staleWarnings([fact({ dependencyStartMs: 100 * dayMs - threshold - 1 })], threshold)).toHaveLength(
      1,
    );
  });

  it("warns about fresher runs of the dependency's component", () => {
    const [w] = staleWarnings([fact({ fresherRuns: 3 })], staleThresholdMs(30));
    expect(w).toMatchObject({ reason: "fresher_runs", fresher_runs: 3 });
    expect(w?.message).toBe(
      "clean (ID d) has 3 fresher run(s) that began before this component run started.",
    );
  });

  it("gives both warnings for one dependency, once per dependency run", () => {
    const old = fact({ dependencyStartMs: 0, fresherRuns: 1 });
    const warnings = staleWarnings([old, old], staleThresholdMs(30));
    expect(warnings.map((w) => w.reason)).toEqual(["old_dependency", "fresher_runs"]);
  });
});
