import { writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServerConfig } from "../../config.js";
import { type RunningServer, startServer } from "../../server.js";
import { type AlertmanagerProcess, startAlertmanager } from "../../test-support/alertmanager-process.js";
import { ApiClient } from "../../test-support/api-client.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";

const minute = 60_000;
const model = "checkout";

/** What Alertmanager's webhook receiver gets (the fields we assert on). */
interface WebhookMessage {
  status: "firing" | "resolved";
  groupLabels: Record<string, string>;
  alerts: {
    status: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
    generatorURL: string;
  }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Sightline → a real Alertmanager → a webhook receiver", () => {
  let dir: string;
  let receiver: Server;
  let am: AlertmanagerProcess;
  let server: RunningServer;
  let api: ApiClient;
  const messages: WebhookMessage[] = [];
  // Recent event times, so Alertmanager's own clock sees a current alert: minutes aligned to the minute.
  const t0 = Math.floor(Date.now() / minute) * minute - 30 * minute;

  beforeAll(async () => {
    dir = await makeTempDir("sightline-it-am-flow-");
    receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        messages.push(JSON.parse(body) as WebhookMessage);
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const address = receiver.address();
    const port = typeof address === "object" && address ? address.port : 0;
    am = await startAlertmanager({
      webhookUrl: `http://127.0.0.1:${port}/am`,
      groupWait: "100ms",
      groupInterval: "300ms",
    });
    const file = join(dir, "monitors.yaml");
    await writeFile(
      file,
      [
        "notifiers:",
        `  - { name: am, type: alertmanager, url: "${am.url}" }`,
        "monitors:",
        `  - { name: checkout-errors, model: ${model}, kind: error_rate, window: 1m, threshold: { above: 0.5 }, severity: critical, labels: { team: payments } }`,
        "",
      ].join("\n"),
    );
    server = await startServer(
      resolveServerConfig(
        { port: 0, dataDir: join(dir, "data"), logLevel: "silent", monitors: file },
        {
          SIGHTLINE_MONITOR_GRACE_SECONDS: "0",
          SIGHTLINE_PUBLIC_URL: "http://sightline.example",
        },
      ),
    );
    api = new ApiClient(server.url);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await am?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
    await removeTempDir(dir);
  });

  async function minuteOf(index: number, failing: boolean) {
    const rows = Array.from({ length: 5 }, (_, i) => {
      const base = {
        id: `m${index}-${i}`,
        timestamp: t0 + index * minute + i * 1000,
        features: { amount: i },
      };
      return failing ? { ...base, error: "gateway timeout" } : { ...base, prediction: 1 };
    });
    expect((await api.postJson(`/api/v1/models/${model}/predictions`, rows)).status).toBe(200);
  }

  async function evaluate() {
    expect((await api.postJson("/api/v1/monitors/evaluate", {})).status).toBe(200);
    await server.services.monitors.drain();
    expect(server.services.monitors.queue.stats.failed).toBe(0);
  }

  async function waitFor(status: "firing" | "resolved"): Promise<WebhookMessage> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const message = messages.find((m) => m.status === status);
      if (message) return message;
      await sleep(100);
    }
    throw new Error(`no ${status} notification after 20 s; got ${JSON.stringify(messages)}\n${am.output}`);
  }

  it("delivers the firing alert and then its resolution", async () => {
    await minuteOf(0, true);
    await minuteOf(1, false);
    await evaluate();
    const firing = await waitFor("firing");
    expect(firing.groupLabels).toEqual({ alertname: "checkout-errors", model });
    expect(firing.alerts).toHaveLength(1);
    expect(firing.alerts[0]).toMatchObject({
      status: "firing",
      labels: {
        alertname: "checkout-errors",
        model,
        subject: "overall",
        severity: "critical",
        team: "payments",
        kind: "error_rate",
      },
      annotations: { value: "1", threshold: "0.5" },
    });
    expect(firing.alerts[0]?.generatorURL).toMatch(/^http:\/\/sightline\.example\/models\/checkout\?from=/);
    expect(messages.some((m) => m.status === "resolved")).toBe(false);

    await minuteOf(2, false);
    await evaluate();
    const resolved = await waitFor("resolved");
    expect(resolved.alerts[0]).toMatchObject({
      status: "resolved",
      labels: { alertname: "checkout-errors", model },
    });
    const history = (await api.get(`/api/v1/models/${model}/alerts`)).json.history;
    expect(history.map((e: { type: string }) => e.type)).toEqual(["firing", "resolved"]);
  }, 60_000);
});
