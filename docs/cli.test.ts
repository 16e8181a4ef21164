import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildCli } from "../packages/server/src/cli/main.js";
import { renderCliReference, withGenerated, withoutTablePadding } from "../scripts/cli-reference.mjs";

const doc = readFileSync(new URL("cli.md", import.meta.url), "utf8");

describe("docs/cli.md", () => {
  it("has the reference generated from the current command tree (run `node scripts/cli-reference.mjs`)", () => {
    expect(withoutTablePadding(withGenerated(doc, renderCliReference(buildCli())))).toBe(
      withoutTablePadding(doc),
    );
  });

  it("has a section for every subcommand and every option", () => {
    const walk = (command: ReturnType<typeof buildCli>, path: string[]): void => {
      for (const sub of command.commands) {
        const name = [...path, sub.name()];
        expect(doc).toContain(`## \`${name.join(" ")}\``);
        for (const option of sub.options) expect(doc).toContain(`\`${option.flags.replaceAll("|", "\\|")}\``);
        walk(sub, name);
      }
    };
    walk(buildCli(), ["sightline"]);
  });
});
