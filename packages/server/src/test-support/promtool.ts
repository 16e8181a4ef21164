import { spawn } from "node:child_process";
import { cleanEnv } from "./server-process.js";

/**
 * Runs `promtool check metrics` (Prometheus's linter for the text exposition format) on a /metrics
 * answer; `output` lists the problems it found, empty when none.
 *
 * @example
 * const { code, output } = await promtoolCheckMetrics(await (await fetch(`${url}/metrics`)).text());
 */
export function promtoolCheckMetrics(text: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("promtool", ["check", "metrics"], {
      env: cleanEnv(),
      stdio: ["pipe", "pipe", "pipe"],
      timeout: 20_000,
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
    child.stdin.end(text);
  });
}

/**
 * Runs `promtool <args>` in `cwd` and captures its output and exit code.
 *
 * @example
 * const { code, output } = await runPromtool(["check", "rules", "rules.yml"], dir);
 */
export function runPromtool(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("promtool", args, { cwd, env: cleanEnv(), timeout: 60_000 });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}
