import { spawn } from "node:child_process";
import { cleanEnv, sightlineBin } from "./server-process.js";

/** What a finished `sightline` command printed and how it exited. */
export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/sightline.js <args>` to completion (killed after `timeoutMs`) and captures its output.
 *
 * @example
 * const { code, stdout } = await runSightline(["keys", "create", "--role", "read", "--name", "ci"]);
 */
export function runSightline(
  args: readonly string[],
  options: { env?: Readonly<Record<string, string>>; timeoutMs?: number } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [sightlineBin, ...args], {
      env: cleanEnv(options.env),
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 20_000,
      killSignal: "SIGKILL",
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
