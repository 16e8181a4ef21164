import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { freePort } from "./free-port.js";
import { cleanEnv } from "./server-process.js";
import { ServiceProcess, sleep } from "./service-process.js";
import { makeTempDir } from "./temp-dir.js";

/** One series of an instant-vector answer from Prometheus's HTTP API. */
export interface PromVectorSample {
  metric: Record<string, string>;
  value: number;
}

/**
 * A real Prometheus (the `prometheus` binary on PATH) scraping given targets, with its own port and TSDB
 * in a temp dir. Made by `startPrometheus`.
 *
 * @example
 * const prom = await startPrometheus({ targets: ["127.0.0.1:7070"] });
 * const [sample] = await prom.query('up{job="sightline"}');
 * await prom.stop();
 */
export class PrometheusProcess extends ServiceProcess {
  /** Evaluates an instant query now; rejects on an API error. */
  async query(expr: string): Promise<PromVectorSample[]> {
    const response = await fetch(`${this.url}/api/v1/query?query=${encodeURIComponent(expr)}`, {
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as {
      status: string;
      error?: string;
      data?: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    if (body.status !== "success" || !body.data) throw new Error(`query ${expr} failed: ${body.error}`);
    if (body.data.resultType !== "vector") throw new Error(`query ${expr} gave a ${body.data.resultType}`);
    return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  }

  /** Polls a query until `accept` holds for its answer; returns that answer. */
  async waitFor(
    expr: string,
    accept: (samples: PromVectorSample[]) => boolean,
    timeoutMs = 20_000,
  ): Promise<PromVectorSample[]> {
    const deadline = Date.now() + timeoutMs;
    let last: PromVectorSample[] = [];
    while (Date.now() < deadline) {
      last = await this.query(expr);
      if (accept(last)) return last;
      await sleep(200);
    }
    throw new Error(`${expr} still ${JSON.stringify(last)} after ${timeoutMs} ms`);
  }
}

/**
 * Starts `prometheus` on a free loopback port with a config scraping `targets` (host:port) as job
 * `sightline`, and waits for /-/ready.
 *
 * @example
 * const prom = await startPrometheus({ targets: [`127.0.0.1:${server.port}`], scrapeIntervalSeconds: 1 });
 */
export async function startPrometheus(options: {
  targets: readonly string[];
  scrapeIntervalSeconds?: number;
  bearerToken?: string;
}): Promise<PrometheusProcess> {
  const dir = await makeTempDir("sightline-it-prom-");
  const port = await freePort();
  const interval = `${options.scrapeIntervalSeconds ?? 1}s`;
  const auth = options.bearerToken
    ? `    authorization:\n      credentials: ${JSON.stringify(options.bearerToken)}\n`
    : "";
  const config = [
    "global:",
    `  scrape_interval: ${interval}`,
    `  evaluation_interval: ${interval}`,
    "scrape_configs:",
    "  - job_name: sightline",
    `    scrape_interval: ${interval}`,
    `    scrape_timeout: ${interval}`,
    `${auth}    static_configs:`,
    `      - targets: ${JSON.stringify(options.targets)}`,
    "",
  ].join("\n");
  const configFile = join(dir, "prometheus.yml");
  await writeFile(configFile, config);
  const child = spawn(
    "prometheus",
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"], cwd: dir },
  );
  const prom = new PrometheusProcess("prometheus", child, `http://127.0.0.1:${port}`, dir);
  await prom.waitReady("/-/ready");
  return prom;
}
