import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Makes a fresh directory under the system temp dir; remove it with `removeTempDir`.
 *
 * @example
 * const dir = await makeTempDir("sightline-it-");
 */
export function makeTempDir(prefix = "sightline-it-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * Removes a directory made by `makeTempDir`, with everything in it.
 *
 * @example
 * await removeTempDir(dir);
 */
export function removeTempDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true, maxRetries: 3 });
}
