import type { ChildProcess } from "node:child_process";
import { removeTempDir } from "./temp-dir.js";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A real server binary (Prometheus, Alertmanager) started by a test: its output kept for error messages,
 * its temp dir removed by `stop()`. Subclasses add their own API.
 *
 * @example
 * class MyProcess extends ServiceProcess {}
 * const p = new MyProcess("myservice", child, "http://127.0.0.1:9000", dir);
 * await p.waitReady("/-/ready");
 */
export class ServiceProcess {
  private outputText = "";
  private readonly exited: Promise<void>;

  constructor(
    private readonly name: string,
    protected readonly child: ChildProcess,
    readonly url: string,
    private readonly dir: string,
  ) {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      this.outputText += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      this.outputText += chunk;
    });
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
  }

  get output(): string {
    return this.outputText;
  }

  private get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Polls `path` until it answers 200 (30 s at most); stops the process and throws if it dies or hangs. */
  async waitReady(path: string): Promise<void> {
    const spawnError = new Promise<Error>((resolve) => this.child.once("error", resolve));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const failed = await Promise.race([spawnError, sleep(100).then(() => undefined)]);
      if (failed || this.child.exitCode !== null) {
        await this.stop();
        throw new Error(
          `${this.name} did not start (${failed?.message ?? this.child.exitCode}):\n${this.output}`,
        );
      }
      try {
        const response = await fetch(`${this.url}${path}`, { signal: AbortSignal.timeout(2_000) });
        await response.body?.cancel();
        if (response.status === 200) return;
      } catch {
        // Not listening yet.
      }
    }
    await this.stop();
    throw new Error(`${this.name} not ready after 30 s:\n${this.output}`);
  }

  /** Stops the process (SIGTERM, SIGKILL after 10 s) and removes its temp dir. */
  async stop(): Promise<void> {
    if (this.running) {
      this.child.kill("SIGTERM");
      const done = await Promise.race([this.exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!done) {
        this.child.kill("SIGKILL");
        await this.exited;
      }
    }
    await removeTempDir(this.dir);
  }
}
