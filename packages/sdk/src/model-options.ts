import { isRunId, type ModelDefaults } from "./internal/encode-prediction.js";
import { isPlainObject } from "./internal/json-safe.js";
import type { Tags } from "./types.js";

/**
 * Options of `sl.model()`.
 *
 * @example
 * const m = sl.model("churn", { version: "2024-06-01", tags: { region: "eu" } } satisfies ModelOptions);
 */
export interface ModelOptions {
  /** The model version every record of this handle carries (a record's own `version` wins). */
  version?: string | undefined;
  /** Tags added to every record of this handle. */
  tags?: Tags | undefined;
  /**
   * Called in `log()` (and so in `wrap`) to stamp each record that has no `traceId` of its own with the
   * caller's active W3C trace id, e.g. `() => trace.getActiveSpan()?.spanContext().traceId` with
   * `@opentelemetry/api`. A value that is not 32 hex characters (or is all zeros) is ignored.
   */
  traceId?: (() => string | undefined) | undefined;
  /** The lineage run serving this model (1-128 printable ASCII), sent as `run_id` on every record. */
  runId?: string | undefined;
}

/** Checked `sl.model()` arguments: the defaults, or why the handle cannot log. Never throws. */
export function resolveModelOptions(
  name: unknown,
  options: unknown,
): { defaults: ModelDefaults; problem: string | undefined } {
  const none: ModelDefaults = Object.freeze({ version: undefined, tags: undefined });
  try {
    if (typeof name !== "string" || name === "") {
      return { defaults: none, problem: "a model name (non-empty string) is required" };
    }
    const o = (options ?? {}) as ModelOptions;
    const { version, tags, traceId, runId } = o;
    if (version !== undefined && (typeof version !== "string" || version === "")) {
      return { defaults: none, problem: `model "${name}": version must be a non-empty string` };
    }
    if (
      tags !== undefined &&
      !(isPlainObject(tags) && Object.values(tags).every((v) => typeof v === "string"))
    ) {
      return { defaults: none, problem: `model "${name}": tags must be an object of strings` };
    }
    if (traceId !== undefined && typeof traceId !== "function") {
      return { defaults: none, problem: `model "${name}": traceId must be a function` };
    }
    if (runId !== undefined && !isRunId(runId)) {
      return { defaults: none, problem: `model "${name}": runId must be 1-128 printable ASCII characters` };
    }
    return {
      defaults: Object.freeze({
        version,
        tags: tags === undefined ? undefined : Object.freeze({ ...tags }),
        ...(traceId === undefined ? {} : { traceId }),
        ...(runId === undefined ? {} : { runId }),
      }),
      problem: undefined,
    };
  } catch {
    return { defaults: none, problem: "model options could not be read" };
  }
}
