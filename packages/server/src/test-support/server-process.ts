import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port.js";
import { makeTempDir, removeTempDir } from "./temp-dir.js";

/** The `sightline` launcher; it runs the compiled dist/, so `tsc -b` must have run (npm test does). */
export const sightlineBin = fileURLToPath(new URL("../../bin/sightline.js", import.meta.url));
const compiledMain = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/**
 * The parent's environment without SIGHTLINE_* variables, so a developer's settings never leak into a test.
 *
 * @example
 * spawn("node", [sightlineBin, "serve"], { env: cleanEnv({ SIGHTLINE_LOG_LEVEL: "debug" }) });
 */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith("SIGHTLINE_")) env[key] = value;
  }
  return { ...env, ...extra };
}

/** How to start a `sightline serve` process; every field is optional. */
export interface ServerProcessOptions {
  /** Data directory; by default a fresh temp dir that `stop()` removes. */
  dataDir?: string;
  /** Port; by default a free one. */
  port?: number;
  host?: string;
  keysFile?: string;
  /** Extra environment, e.g. `{ SIGHTLINE_MAX_BODY_BYTES: "65536" }`. */
  env?: Readonly<Record<string, string>>;
  readyTimeoutMs?: number;
}

/** How a process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A `sightline serve` child process with its captured output. Made by `startServerProcess`.
 *
 * @example
 * const server = await startServerProcess();
 * await fetch(`${server.url}/healthz`);
 * await server.stop();
 */
export class ServerProcess {
  private stdoutText = "";
  private stderrText = "";
  /** Settles when the process has exited. */
  readonly exited: Promise<ProcessExit>;

  constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly port: number,
    readonly dataDir: string,
    private readonly ownsDataDir: boolean,
  ) {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      this.stdoutText += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderrText += chunk;
    });
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => resolve({ code, signal }));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get stdout(): string {
    return this.stdoutText;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Everything the process printed so far, stdout then stderr. */
  get output(): string {
    return `${this.stdoutText}${this.stderrText}`;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends a signal (SIGKILL for a crash) and waits for the process to end. */
  async kill(signal: NodeJS.Signals): Promise<ProcessExit> {
    if (this.running) this.child.kill(signal);
    return this.exited;
  }

  /** Stops gracefully (SIGTERM, then SIGKILL after 10 s) and removes the data dir when it made it. */
  async stop(): Promise<ProcessExit> {
    let exit: ProcessExit | undefined;
    if (this.running) {
      this.child.kill("SIGTERM");
      exit = await Promise.race([this.exited, sleep(10_000).then(() => undefined)]);
      if (!exit) exit = await this.kill("SIGKILL");
    } else {
      exit = await this.exited;
    }
    if (this.ownsDataDir) await removeTempDir(this.dataDir);
    return exit;
  }

  /** Polls /readyz until it answers 200; rejects with the output when the process dies or time runs out. */
  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) {
        const exit = await this.exited;
        throw new Error(`sightline serve exited (${exit.code ?? exit.signal}) before ready:\n${this.output}`);
      }
      try {
        const response = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
        if (response.status === 200) return;
        await response.body?.cancel();
      } catch {
        // Not listening yet.
      }
      await sleep(100);
    }
    throw new Error(`sightline serve not ready after ${timeoutMs} ms:\n${this.output}`);
  }
}

function assertBuilt(): void {
  if (!existsSync(compiledMain)) {
    throw new Error(`${compiledMain} is missing: build the server first (npx tsc -b packages/server)`);
  }
}

/**
 * Spawns `node bin/sightline.js serve` on a free port (127.0.0.1 unless `host` is given) and waits until
 * /readyz answers 200.
 *
 * @example
 * const server = await startServerProcess({ env: { SIGHTLINE_MAX_BATCH_RECORDS: "100" } });
 */
export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  assertBuilt();
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await makeTempDir("sightline-it-data-"));
  // A free port can be taken by another process before the server binds it: then try another one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnServer(options, dataDir, ownsDataDir);
    } catch (error) {
      const portTaken = error instanceof Error && /EADDRINUSE/.test(error.message);
      if (!portTaken || options.port !== undefined || attempt >= 3) {
        if (ownsDataDir) await removeTempDir(dataDir);
        throw error;
      }
    }
  }
}

async function spawnServer(
  options: ServerProcessOptions,
  dataDir: string,
  ownsDataDir: boolean,
): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const args = [sightlineBin, "serve", "--port", String(port), "--data-dir", dataDir];
  if (options.host !== undefined) args.push("--host", options.host);
  if (options.keysFile !== undefined) args.push("--keys-file", options.keysFile);
  const child = spawn(process.execPath, args, {
    env: cleanEnv(options.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const server = new ServerProcess(child, `http://127.0.0.1:${port}`, port, dataDir, ownsDataDir);
  try {
    await server.waitReady(options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await server.kill("SIGKILL");
    throw error;
  }
  return server;
}
