import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readGitCommit } from "./git-commit.js";

const root = mkdtempSync(join(tmpdir(), "sl-git-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const A = "a".repeat(40);
const B = "0123456789abcdef0123456789abcdef01234567";

function repo(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("readGitCommit", () => {
  it("follows HEAD to a loose ref, from a subdirectory", () => {
    const dir = repo("loose", {
      ".git/HEAD": "ref: refs/heads/main\n",
      ".git/refs/heads/main": `${A}\n`,
      "src/x": "",
    });
    expect(readGitCommit(join(dir, "src"))).toBe(A);
  });

  it("falls back to packed-refs", () => {
    const dir = repo("packed", {
      ".git/HEAD": "ref: refs/heads/dev\n",
      ".git/packed-refs": `# pack-refs with: peeled fully-peeled sorted\n${A} refs/heads/main\n${B} refs/heads/dev\n`,
    });
    expect(readGitCommit(dir)).toBe(B);
  });

  it("reads a detached HEAD", () => {
    expect(readGitCommit(repo("detached", { ".git/HEAD": `${B}\n` }))).toBe(B);
  });

  it("follows a worktree's gitdir file and its commondir", () => {
    const main = repo("main-repo", {
      ".git/refs/heads/feature": `${A}\n`,
      ".git/HEAD": "ref: refs/heads/x\n",
    });
    const wt = repo("worktree", {
      ".git": `gitdir: ${join(main, ".git/worktrees/wt")}\n`,
    });
    repo("main-repo/.git/worktrees/wt", { HEAD: "ref: refs/heads/feature\n", commondir: "../..\n" });
    expect(readGitCommit(wt)).toBe(A);
  });

  it("is undefined for an unborn branch or a directory outside any repository", () => {
    expect(readGitCommit(repo("unborn", { ".git/HEAD": "ref: refs/heads/main\n" }))).toBeUndefined();
    const outside = mkdtempSync(join(tmpdir(), "sl-nogit-"));
    try {
      expect(readGitCommit(outside)).toBeUndefined();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
