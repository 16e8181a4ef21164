import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptAll, refusedUrl, startCollector } from "./testing/collector.js";

// Process lifetime can only be observed from outside: build the SDK's sources to plain JS with
// TypeScript's per-file transpiler (fast, no type check) and run small scripts in a child node.
const srcDir = dirname(fileURLToPath(import.meta.url));
let outDir = "";

function transpileTree(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) transpileTree(source, join(to, entry.name));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
      const { outputText } = ts.transpileModule(readFileSync(source, "utf8"), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      mkdirSync(to, { recursive: true });
      writeFileSync(join(to, entry.name.replace(/\.ts$/, ".js")), outputText);
    }
  }
}

function runScript(body: string): Promise<{ code: number | null; stdout: string; elapsedMs: number }> {
  const file = join(outDir, `script-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, `import { Sightline } from "./index.js";\n${body}`);
  const start = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { timeout: 20_000 }, (error, stdout) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      resolve({ code, stdout, elapsedMs: performance.now() - start });
    });
  });
}

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), "sightline-sdk-"));
  writeFileSync(join(outDir, "package.json"), '{ "type": "module" }');
  transpileTree(srcDir, outDir);
});

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe("Sightline in a real process", () => {
  it("never keeps the process alive on its own, even while retrying a dead server", async () => {
    const url = await refusedUrl();
    const { code, stdout, elapsedMs } = await runScript(`
      const sl = new Sightline({ url: ${JSON.stringify(url)}, batchSize: 5, onError: () => {} });
      const m = sl.model("m", { version: "1" });
      for (let i = 0; i < 12; i++) m.log({ features: { i }, prediction: 1 });
      console.log("logged");
    `);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe("logged");
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it("keeps the process alive through a pending backoff while close() is awaited", async () => {
    const c = await startCollector((req, i) =>
      i === 0 ? { status: 503, headers: { "retry-after": "1" } } : acceptAll(req),
    );
    try {
      const { code, stdout } = await runScript(`
        const sl = new Sightline({ url: ${JSON.stringify(c.url)}, batchSize: 5, onError: () => {} });
        const m = sl.model("m", { version: "1" });
        for (let i = 0; i < 5; i++) m.log({ features: { i }, prediction: 1 });
        await new Promise((r) => setTimeout(r, 300));
        await sl.close();
        console.log(JSON.stringify(sl.stats()));
      `);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ logged: 5, sent: 5, retries: 1, buffered: 0 });
      expect(c.accepted).toHaveLength(5);
    } finally {
      await c.close();
    }
  });
});
