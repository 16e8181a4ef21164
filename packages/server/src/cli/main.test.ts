import type { Command } from "commander";
import { describe, expect, it, vi } from "vitest";
import { buildCli, main } from "./main.js";

function leaves(command: Command, path: string[]): string[][] {
  if (command.commands.length === 0) return [path];
  return command.commands.flatMap((sub) => leaves(sub, [...path, sub.name()]));
}

describe("buildCli", () => {
  it("makes every command, however deeply nested, return a usage error instead of exiting", async () => {
    const paths = leaves(buildCli(), []);
    expect(paths).toEqual(
      expect.arrayContaining([
        ["alerts", "silence"],
        ["windows", "drift"],
        ["models", "list"],
      ]),
    );
    const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
      throw new Error(`process.exit(${String(code)})`);
    });
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      for (const path of paths) {
        expect({ path, code: await main(["node", "sightline", ...path, "--no-such-option"]) }).toEqual({
          path,
          code: 1,
        });
      }
      expect(exit).not.toHaveBeenCalled();
    } finally {
      exit.mockRestore();
      stderr.mockRestore();
    }
  });
});
