import { createHash } from "node:crypto";

/**
 * The source text of a run's function and its SHA-256 (hex), as mltrace records a component run's
 * code: the same code gives the same hash, so a changed step is visible between runs.
 *
 * @example
 * codeSnapshot((ctx) => clean(ctx)).hash; // "5e8f…" (64 hex characters)
 */
export function codeSnapshot(fn: unknown): { snapshot: string; hash: string } | undefined {
  if (typeof fn !== "function") return undefined;
  let snapshot: string;
  try {
    snapshot = Function.prototype.toString.call(fn);
  } catch {
    return undefined;
  }
  return { snapshot, hash: createHash("sha256").update(snapshot).digest("hex") };
}
