import { spawn } from "node:child_process";
import { access, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../packages/server/src/cli/main.js";
import { resolveServerConfig } from "../packages/server/src/config.js";
import { parseMonitorsFile } from "../packages/server/src/engine/monitors/parse-monitors-file.js";
import { type RunningServer, startServer } from "../packages/server/src/server.js";
import { makeTempDir, removeTempDir } from "../packages/server/src/test-support/temp-dir.js";
import { shapeMismatches } from "./json-shape.js";
import { codeBlocks, type Sample, samplesOf, unmarkedReason } from "./sample-blocks.js";

// Every fenced block of docs/*.md and README.md is either `text` (output, diagrams) or a sample whose info
// string says how it is checked (`<lang> test=<kind> [attribute]...`):
//   sh test=curl                run by bash in a temp directory
//   sh test=cli                 each `sightline …` / `npx sightline …` line through main(), other lines by bash
//   ts test=sdk                 compiled with TypeScript, run by node (imports resolve from the repository);
//                               it fails on a non-zero exit or anything on stderr (the SDK's warnings);
//                               `prelude=a,b` prepends docs/samples/a.ts and b.ts (placeholders for the
//                               reader's own code); `continues` joins the block to the sdk sample before it
//   yaml test=monitors          parsed by the server's parseMonitorsFile
//   yaml test=prometheus-config checked by `promtool check config`
//   json test=parse             an illustrative example: must parse
//   json test=shape get=/path   must fit the shape of the server's answer to GET /path (json-shape.ts);
//                   file=name   ... or of a file an earlier sample wrote in the temp directory
//   sh test=npm-scripts         each `npm <script>` / `npm run <script>` names a script of package.json
// In every sample, http://localhost:7070 stands for the test's server. Samples of one file run in order,
// in one temp directory and against one fresh server, so later samples see what earlier ones did.
// docs/samples/<doc>.setup.ts, when present, exports setup(dir, url) that prepares the temp directory or
// seeds the server.

const docsDir = new URL(".", import.meta.url).pathname;
const repoDir = join(docsDir, "..");
const defaultUrl = "http://localhost:7070";

function run(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs = 60_000,
): Promise<{ code: number; output: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    let output = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      stderr += chunk.toString();
    });
    child.on("close", (code) => resolve({ code: code ?? -1, output, stderr }));
  });
}

/** Splits a command line into words: whitespace-separated, with '…' and "…" quoting, up to a `#` comment. */
function words(line: string): string[] {
  const uncommented = line.replace(/\s#.*$/, "");
  return [...uncommented.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

async function runCliLines(sample: Sample, code: string, url: string, workDir: string): Promise<void> {
  const where = `${sample.file}:${sample.line}`;
  for (const line of code.split("\n").filter((l) => l.trim() !== "" && !l.trim().startsWith("#"))) {
    const argv = words(line);
    if (argv[0] === "npx") argv.shift();
    if (argv[0] !== "sightline") {
      const result = await run("bash", ["-euo", "pipefail", "-c", line], workDir);
      expect(result.code, `${where}: ${line}\n${result.output}`).toBe(0);
      continue;
    }
    // The command reads SIGHTLINE_URL in its action and writes --out files relative to the working directory.
    const previousUrl = process.env.SIGHTLINE_URL;
    const previousDir = process.cwd();
    process.env.SIGHTLINE_URL = url;
    process.chdir(workDir);
    try {
      const exitCode = await main(["node", ...argv]);
      expect(exitCode, `${where}: ${line}`).toBe(0);
    } finally {
      process.chdir(previousDir);
      if (previousUrl === undefined) delete process.env.SIGHTLINE_URL;
      else process.env.SIGHTLINE_URL = previousUrl;
    }
  }
}

/** The sample with its preludes prepended, as one TypeScript module. */
async function sdkSource(sample: Sample, code: string): Promise<string> {
  const preludes = (sample.attributes.prelude ?? "").split(",").filter((name) => name !== "");
  const parts = await Promise.all(
    preludes.map(async (name) => readFile(join(docsDir, "samples", `${name}.ts`), "utf8")),
  );
  return [...parts, code].join("\n");
}

// Inside the repository, so that `@sightline/sdk` resolves as it does for a user who installed it.
const sampleDir = join(repoDir, "node_modules", ".cache", "sightline-doc-samples");

/** Type errors of every sdk sample, compiled as strictly as the project's own code, against the SDK's types. */
async function sdkTypeErrors(samples: Sample[]): Promise<string[]> {
  await mkdir(sampleDir, { recursive: true });
  const paths: string[] = [];
  for (const sample of samples) {
    const path = join(sampleDir, `${sample.file.replace(/\W/g, "-")}-${sample.line}.mts`);
    await writeFile(path, await sdkSource(sample, sample.code));
    paths.push(path);
  }
  const program = ts.createProgram(paths, {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: ["node"],
    typeRoots: [join(repoDir, "node_modules", "@types")],
    skipLibCheck: true,
    noEmit: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName.split("/").at(-1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : "";
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

async function runSdk(sample: Sample, code: string, url: string, workDir: string): Promise<void> {
  const source = (await sdkSource(sample, code)).replaceAll(defaultUrl, url);
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  await mkdir(sampleDir, { recursive: true });
  const path = join(sampleDir, `${sample.file.replace(/\W/g, "-")}-${sample.line}.mjs`);
  await writeFile(path, js);
  const result = await run(process.execPath, [path], workDir);
  const where = `${sample.file}:${sample.line}`;
  expect(result.code, `${where}\n${result.output}`).toBe(0);
  expect(result.stderr, `${where} wrote to stderr`).toBe("");
}

async function runSample(sample: Sample, url: string, workDir: string): Promise<void> {
  const code = sample.code.replaceAll(defaultUrl, url);
  const where = `${sample.file}:${sample.line}`;
  switch (sample.kind) {
    case "curl": {
      const result = await run("bash", ["-euo", "pipefail", "-c", code], workDir);
      expect(result.code, `${where}\n${result.output}`).toBe(0);
      return;
    }
    case "cli":
      return runCliLines(sample, code, url, workDir);
    case "sdk":
      return runSdk(sample, code, url, workDir);
    case "monitors": {
      const parsed = parseMonitorsFile(code, `${where}`);
      expect(parsed.monitors.length + parsed.notifiers.length, `${where} declares nothing`).toBeGreaterThan(
        0,
      );
      return;
    }
    case "prometheus-config": {
      const path = join(workDir, `prometheus-${sample.line}.yml`);
      await writeFile(path, code);
      const result = await run("promtool", ["check", "config", path], workDir);
      expect(result.code, `${where}\n${result.output}`).toBe(0);
      return;
    }
    case "parse":
      expect(() => JSON.parse(code), where).not.toThrow();
      return;
    case "shape": {
      const example: unknown = JSON.parse(code);
      const { get, file } = sample.attributes;
      let answer: unknown;
      if (get !== undefined) {
        const response = await fetch(`${url}${get}`);
        expect(response.status, `${where}: GET ${get}`).toBe(200);
        answer = await response.json();
      } else if (file !== undefined) {
        answer = JSON.parse(await readFile(join(workDir, file), "utf8"));
      } else {
        throw new Error(`${where}: a shape sample needs get=/path or file=name`);
      }
      expect(shapeMismatches(example, answer), where).toEqual([]);
      return;
    }
    case "npm-scripts": {
      const scripts = (
        JSON.parse(await readFile(join(repoDir, "package.json"), "utf8")) as {
          scripts: Record<string, string>;
        }
      ).scripts;
      for (const command of code.replace(/#.*$/gm, "").split(/&&|\n|;/)) {
        const argv = words(command.trim());
        if (argv[0] !== "npm") continue;
        const script = argv[1] === "run" ? argv[2] : argv[1];
        if (script === "install" || script === "ci") continue;
        expect(Object.keys(scripts), `${where}: npm ${script}`).toContain(script);
      }
      return;
    }
  }
}

const docFiles = [
  ...(await readdir(docsDir)).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`),
  "README.md",
].sort();
const texts = new Map<string, string>();
for (const file of docFiles) texts.set(file, await readFile(join(repoDir, file), "utf8"));
const byFile = new Map<string, Sample[]>();
for (const [file, text] of texts) {
  const samples = samplesOf(file, text);
  if (samples.length > 0) byFile.set(file, samples);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

describe("docs code samples", () => {
  it("finds the marked samples", () => {
    expect(byFile.get("docs/quickstart.md")?.length ?? 0).toBeGreaterThanOrEqual(8);
    expect(byFile.get("docs/sdk.md")?.length ?? 0).toBeGreaterThanOrEqual(3);
  });

  it("leaves no unmarked code block in any doc", () => {
    const unmarked = [...texts].flatMap(([file, text]) =>
      codeBlocks(text).flatMap((block) => {
        const reason = unmarkedReason(block);
        return reason === undefined ? [] : [`${file}:${block.line}: ${reason}`];
      }),
    );
    expect(unmarked, "mark each `<lang> test=<kind>`, or `text` when it is not code").toEqual([]);
  });

  it("compiles every sdk sample without a type error", async () => {
    const sdkSamples = [...byFile.values()].flat().filter((sample) => sample.kind === "sdk");
    expect(await sdkTypeErrors(sdkSamples)).toEqual([]);
  }, 60_000);

  for (const [file, samples] of byFile) {
    describe(file, () => {
      let dir: string;
      let server: RunningServer;
      beforeAll(async () => {
        dir = await makeTempDir("sightline-docs-");
        server = await startServer(
          resolveServerConfig({ port: 0, dataDir: join(dir, "data"), logLevel: "silent" }, {}),
        );
        const setupPath = join(
          docsDir,
          "samples",
          `${file.replace(/^docs\//, "").replace(/\.md$/, "")}.setup.ts`,
        );
        if (await exists(setupPath)) {
          const { setup } = (await import(setupPath)) as {
            setup: (dir: string, url: string) => Promise<void>;
          };
          await setup(dir, server.url);
        }
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
