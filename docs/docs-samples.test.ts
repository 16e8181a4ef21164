import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../packages/server/src/cli/main.js";
import { resolveServerConfig } from "../packages/server/src/config.js";
import { type RunningServer, startServer } from "../packages/server/src/server.js";
import { makeTempDir, removeTempDir } from "../packages/server/src/test-support/temp-dir.js";

// Code samples are fenced blocks whose info string says how to run them:
//   ```sh test=curl   run by bash (curl against the server)   ```sh test=cli   each `sightline …` line via main()
//   ```ts test=sdk    compiled with TypeScript, run by node    (imports resolve from the repository)
// In every sample, http://localhost:7070 stands for the test's server. Samples of one file run in order,
// against one fresh server, so later samples see what earlier ones logged.
interface Sample {
  file: string;
  line: number;
  kind: "curl" | "cli" | "sdk";
  code: string;
}

const docsDir = new URL(".", import.meta.url).pathname;
const repoDir = join(docsDir, "..");
const fence = /^```(\w+)[ \t]+test=(curl|cli|sdk)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;

function samplesOf(file: string, text: string): Sample[] {
  return [...text.matchAll(fence)].map((m) => ({
    file,
    line: text.slice(0, m.index).split("\n").length,
    kind: m[2] as Sample["kind"],
    code: m[3] ?? "",
  }));
}

function run(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs = 60_000,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

/** Splits a command line into words: whitespace-separated, with '…' and "…" quoting. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

async function runSample(sample: Sample, url: string, workDir: string): Promise<void> {
  const code = sample.code.replaceAll("http://localhost:7070", url);
  const where = `${sample.file}:${sample.line}`;
  if (sample.kind === "curl") {
    const result = await run("bash", ["-euo", "pipefail", "-c", code], workDir);
    expect(result.code, `${where}\n${result.output}`).toBe(0);
  } else if (sample.kind === "cli") {
    for (const line of code.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#"))) {
      const argv = words(line);
      expect(argv[0], `${where}: a cli sample line starts with 'sightline'`).toBe("sightline");
      const exitCode = await main(["node", ...argv, "--url", url]);
      expect(exitCode, `${where}: ${line}`).toBe(0);
    }
  } else {
    const js = ts.transpileModule(code, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    // Inside the repository, so that `@sightline/sdk` resolves as it does for a user who installed it.
    const dir = join(repoDir, "node_modules", ".cache", "sightline-doc-samples");
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${sample.file.replace(/\W/g, "-")}-${sample.line}.mjs`);
    await writeFile(path, js);
    const result = await run(process.execPath, [path], workDir);
    expect(result.code, `${where}\n${result.output}`).toBe(0);
  }
}

const files = (await readdir(docsDir)).filter((f) => f.endsWith(".md")).sort();
const byFile = new Map<string, Sample[]>();
for (const file of files) {
  const samples = samplesOf(file, await readFile(join(docsDir, file), "utf8"));
  if (samples.length > 0) byFile.set(file, samples);
}

describe("docs code samples", () => {
  it("finds the marked samples", () => {
    expect(byFile.get("quickstart.md")?.length ?? 0).toBeGreaterThanOrEqual(8);
  });

  it("leaves no unmarked code block in the guide pages", async () => {
    for (const file of [
      "quickstart.md",
      "concepts.md",
      "drift-methods.md",
      "scaling.md",
      "cli.md",
      "README.md",
    ]) {
      const text = await readFile(join(docsDir, file), "utf8");
      const unmarked = [...text.matchAll(/^```(sh|bash|ts|js|typescript|javascript)[ \t]*$/gm)];
      expect(unmarked.length, `${file} has a code block without test=`).toBe(0);
    }
  });

  for (const [file, samples] of byFile) {
    describe(file, () => {
      let dir: string;
      let server: RunningServer;
      beforeAll(async () => {
        dir = await makeTempDir("sightline-docs-");
        server = await startServer(
          resolveServerConfig({ port: 0, dataDir: join(dir, "data"), logLevel: "silent" }, {}),
        );
      });
      afterAll(async () => {
        await server?.close();
        if (dir) await removeTempDir(dir);
      });
      for (const sample of samples) {
        it(`${sample.kind} sample at line ${sample.line}`, () => runSample(sample, server.url, dir));
      }
    });
  }
});
