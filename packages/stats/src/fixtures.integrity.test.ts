import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Every fixture is regenerated from its SciPy/scikit-learn script and must match the committed
// JSON byte for byte, so a fixture can neither go stale nor be edited by hand.
const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const scripts = readdirSync(dir).filter((f) => f.endsWith(".py") && !f.startsWith("_"));

describe("fixtures are what the reference scripts produce", () => {
  it("has fixture scripts", () => {
    expect(scripts.length).toBeGreaterThan(0);
  });
  for (const script of scripts) {
    it(script, () => {
      const produced = execFileSync("/usr/bin/python3", [dir + script], {
        cwd: dir,
        maxBuffer: 256 * 1024 * 1024,
        encoding: "utf8",
      });
      const committed = readFileSync(dir + script.replace(/\.py$/, ".json"), "utf8");
      expect(produced === committed, `${script} output differs from the committed fixture`).toBe(true);
    }, 300_000);
  }
});
