import { SightlineError } from "../../errors.js";
import type { PerformanceProfile } from "../../store/performance-store.js";

/** The learning task a version's performance is measured for. */
export const performanceTasks = ["binary", "multiclass", "regression"] as const;
export type PerformanceTask = (typeof performanceTasks)[number];

/** Above this many distinct integer values, numeric outputs are taken as a regression target. */
export const maxClasses = 50;

/**
 * Detects the task from what the rows hold: numbers with a fractional part, or more than
 * {@link maxClasses} distinct integers, are a regression; otherwise two or fewer classes (predictions and
 * labels together) are binary and more are multiclass. Null when there is nothing to decide from.
 *
 * @example
 * detectTask({ predictions: 10, labelled: 5, nonIntegerValues: 0, nonNumericValues: 0, scored: 10, classes: ["0.0", "1.0"] }); // "binary"
 */
export function detectTask(profile: PerformanceProfile): PerformanceTask | null {
  if (profile.predictions === 0 && profile.labelled === 0) return null;
  const numeric = profile.nonNumericValues === 0;
  if (numeric && (profile.nonIntegerValues > 0 || profile.classes.length > maxClasses)) return "regression";
  return profile.classes.length <= 2 ? "binary" : "multiclass";
}

/**
 * Parses the `task` query parameter.
 *
 * @example
 * parseTask("binary"); // "binary"
 */
export function parseTask(text: string): PerformanceTask {
  if (!(performanceTasks as readonly string[]).includes(text)) {
    throw new SightlineError(
      "SL_INVALID_QUERY",
      `task must be one of ${performanceTasks.join(", ")}; got '${text.slice(0, 100)}'`,
      { field: "task" },
    );
  }
  return text as PerformanceTask;
}
