import type { AuditEntry } from "../store/registry-store.js";

/**
 * The version a rollback of an alias returns to, from the alias's promote/rollback history (oldest
 * first): each promote pushes the version the alias held before it, each rollback pops one, so repeated
 * rollbacks walk further back instead of toggling between two versions. A promote to the version already
 * held changes nothing. Null when there is nothing to return to (never promoted, or already back at the
 * first version).
 *
 * @example
 * rollbackTarget([
 *   { action: "promote", version: "v1", previous_version: null },
 *   { action: "promote", version: "v2", previous_version: "v1" },
 * ]); // "v1"
 */
export function rollbackTarget(
  history: readonly Pick<AuditEntry, "action" | "version" | "previous_version">[],
): string | null {
  const earlier: (string | null)[] = [];
  for (const entry of history) {
    if (entry.action === "promote" && entry.version !== entry.previous_version) {
      earlier.push(entry.previous_version);
    } else if (entry.action === "rollback") {
      earlier.pop();
    }
  }
  return earlier.at(-1) ?? null;
}
