import { type ChildProcess, spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { freePort } from "./free-port.js";
import { cleanEnv } from "./server-process.js";
import { ServiceProcess } from "./service-process.js";
import { makeTempDir } from "./temp-dir.js";

/** The Debian package installs `prometheus-alertmanager`; upstream builds call it `alertmanager`. */
const binaries = ["prometheus-alertmanager", "alertmanager"];

/**
 * A real Alertmanager with its own port, config and storage in a temp dir, routing every alert to one
 * webhook. Made by `startAlertmanager`.
 *
 * @example
 * const am = await startAlertmanager({ webhookUrl: "http://127.0.0.1:9999/hook" });
 * await fetch(`${am.url}/api/v2/alerts`, { method: "POST", body: "[]", headers: { "content-type": "application/json" } });
 * await am.stop();
 */
export class AlertmanagerProcess extends ServiceProcess {}

async function spawnFirst(args: string[], dir: string): Promise<ChildProcess> {
  let last: Error | undefined;
  for (const binary of binaries) {
    const child = spawn(binary, args, { env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"], cwd: dir });
    const outcome = await Promise.race([
      new Promise<Error>((resolve) => child.once("error", resolve)),
      new Promise<undefined>((resolve) => child.once("spawn", () => resolve(undefined))),
    ]);
    if (!outcome) return child;
    last = outcome;
  }
  throw new Error(
    `no Alertmanager binary (${binaries.join(", ")}) on PATH: ${last?.message}; run scripts/system-deps.sh`,
  );
}

/**
 * Starts Alertmanager on a free loopback port (clustering off) with a route sending every group to
 * `webhookUrl` with resolutions, short group timings, and waits for /-/ready.
 *
 * @example
 * const am = await startAlertmanager({ webhookUrl: receiverUrl, groupWait: "100ms", groupInterval: "500ms" });
 */
export async function startAlertmanager(options: {
  webhookUrl: string;
  groupWait?: string;
  groupInterval?: string;
  resolveTimeout?: string;
}): Promise<AlertmanagerProcess> {
  const dir = await makeTempDir("sightline-it-am-");
  const port = await freePort();
  const config = [
    "global:",
    `  resolve_timeout: ${options.resolveTimeout ?? "5m"}`,
    "route:",
    "  receiver: test",
    "  group_by: [alertname, model]",
    `  group_wait: ${options.groupWait ?? "100ms"}`,
    `  group_interval: ${options.groupInterval ?? "500ms"}`,
    "  repeat_interval: 1h",
    "receivers:",
    "  - name: test",
    "    webhook_configs:",
    `      - url: ${JSON.stringify(options.webhookUrl)}`,
    "        send_resolved: true",
    "",
  ].join("\n");
  const configFile = join(dir, "alertmanager.yml");
  await writeFile(configFile, config);
  const child = await spawnFirst(
    [
      `--config.file=${configFile}`,
      `--storage.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--cluster.listen-address=",
      "--log.level=warn",
    ],
    dir,
  );
  const am = new AlertmanagerProcess("alertmanager", child, `http://127.0.0.1:${port}`, dir);
  await am.waitReady("/-/ready");
  return am;
}
