import { readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

// `.git` is a directory, or (worktrees, submodules) a file saying `gitdir: <path>`.
function gitDirOf(dir: string): string | undefined {
  const dotGit = join(dir, ".git");
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
  } catch {
    return undefined;
  }
  const pointer = read(dotGit)
    ?.match(/^gitdir:\s*(.+)$/m)?.[1]
    ?.trim();
  return pointer === undefined ? undefined : resolve(dir, pointer);
}

function resolveRef(gitDir: string, ref: string): string | undefined {
  // A linked worktree keeps its HEAD but shares refs with the main repository (named in `commondir`).
  const common = read(join(gitDir, "commondir"))?.trim();
  const refDirs = common === undefined ? [gitDir] : [gitDir, resolve(gitDir, common)];
  for (const d of refDirs) {
    const loose = read(join(d, ref))?.trim();
    if (loose !== undefined && SHA.test(loose)) return loose;
    for (const line of read(join(d, "packed-refs"))?.split("\n") ?? []) {
      const [sha, name] = line.trim().split(" ");
      if (name === ref && sha !== undefined && SHA.test(sha)) return sha;
    }
  }
  return undefined;
}

/**
 * The commit checked out in the git repository holding `dir` (searching up from it), read from
 * `.git/HEAD` and the ref it names (loose or packed), without running git; undefined outside a
 * repository or when HEAD cannot be resolved. Uncommitted changes are not reflected.
 *
 * @example
 * readGitCommit(process.cwd()); // "4b4916e3…" (40 hex characters)
 */
export function readGitCommit(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const gitDir = gitDirOf(d);
    if (gitDir !== undefined) {
      const head = read(join(gitDir, "HEAD"))?.trim();
      if (head === undefined) return undefined;
      if (SHA.test(head)) return head;
      const ref = head.match(/^ref:\s*(\S+)$/)?.[1];
      return ref === undefined ? undefined : resolveRef(gitDir, ref);
    }
    if (dirname(d) === d) return undefined;
  }
}
