import type { FlagTarget } from "../api/types.js";

/**
 * How a flagged (or flaggable) output is named in the UI.
 *
 * @example
 * flagName({ model: "flight-delay", prediction: "p-3" }); // "prediction p-3 of flight-delay"
 */
export function flagName(target: FlagTarget): string {
  return "artifact" in target
    ? `artifact ${target.artifact}`
    : `prediction ${target.prediction} of ${target.model}`;
}

/**
 * Only the target's own fields: the flags API rejects any other (such as a review entry's `flagged_time`).
 *
 * @example
 * flagTarget({ artifact: "s3://lake/test.parquet", flagged_time: "2026-01-01T00:00:00Z" }); // { artifact: "s3://lake/test.parquet" }
 */
export function flagTarget(target: FlagTarget): FlagTarget {
  return "artifact" in target
    ? { artifact: target.artifact }
    : { model: target.model, prediction: target.prediction };
}
