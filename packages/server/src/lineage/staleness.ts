/** Facts about one dependency edge, gathered by the store, from which staleness is judged. */
export interface DependencyFact {
  runId: string;
  runStartMs: number;
  dependencyId: string;
  dependencyComponent: string;
  dependencyStartMs: number;
  /** Runs of the dependency's component that started after it and before the run started. */
  fresherRuns: number;
}

/** Why a run is stale, as a message and its parts. */
export interface StaleWarning {
  run_id: string;
  dependency_id: string;
  component: string;
  reason: "old_dependency" | "fresher_runs";
  message: string;
  days?: number;
  fresher_runs?: number;
}

const dayMs = 86_400_000;

/** The default staleness threshold: a dependency that ran more than 30 days before the run, as mltrace. */
export const defaultStaleDays = 30;

/**
 * Staleness warnings of runs, as mltrace's `commit_component_run`: a dependency whose start is more than
 * `thresholdMs` before the run's start ("was run N days ago"), and a dependency whose component had fresher
 * runs that began before the run started ("has N fresher run(s)"). One warning per dependency run and reason.
 *
 * @example
 * staleWarnings([{ runId: "t", runStartMs: 40 * 86_400_000, dependencyId: "c", dependencyComponent: "clean",
 *   dependencyStartMs: 0, fresherRuns: 0 }], 30 * 86_400_000);
 * // [{ reason: "old_dependency", message: "clean (ID c) was run 40 days ago.", days: 40, … }]
 */
export function staleWarnings(facts: readonly DependencyFact[], thresholdMs: number): StaleWarning[] {
  const warnings: StaleWarning[] = [];
  const seen = new Set<string>();
  for (const f of facts) {
    const key = `${f.runId}\u0000${f.dependencyId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const base = { run_id: f.runId, dependency_id: f.dependencyId, component: f.dependencyComponent };
    const ageMs = f.runStartMs - f.dependencyStartMs;
    if (ageMs > thresholdMs) {
      const days = Math.floor(ageMs / dayMs);
      warnings.push({
        ...base,
        reason: "old_dependency",
        message: `${f.dependencyComponent} (ID ${f.dependencyId}) was run ${days} days ago.`,
        days,
      });
    }
    if (f.fresherRuns > 0) {
      warnings.push({
        ...base,
        reason: "fresher_runs",
        message: `${f.dependencyComponent} (ID ${f.dependencyId}) has ${f.fresherRuns} fresher run(s) that began before this component run started.`,
        fresher_runs: f.fresherRuns,
      });
    }
  }
  return warnings;
}

/**
 * A staleness threshold of `days` days in milliseconds.
 *
 * @example
 * staleThresholdMs("7"); // 604_800_000
 */
export function staleThresholdMs(days: number): number {
  return days * dayMs;
}
