import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../test-support/api-client.js";
import { type ServerProcess, startServerProcess } from "../../test-support/server-process.js";

describe("health and readiness of a real server process", () => {
  let server: ServerProcess;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startServerProcess();
    api = new ApiClient(server.url);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("answers /healthz and /readyz with 200 and JSON", async () => {
    const health = await api.get("/healthz");
    expect(health.status).toBe(200);
    expect(health.json).toEqual({ status: "ok" });
    const ready = await api.get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: "ready", store: "duckdb" });
  });

  it("serves /metrics in the Prometheus text format and answers unknown routes with a JSON 404", async () => {
    const metrics = await api.get("/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics.text).toMatch(/^# TYPE sightline_ingest_queue_depth gauge$/m);
    const missing = await api.get("/api/v1/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("SL_NOT_FOUND");
  });

  it("stops cleanly on SIGTERM with exit code 0", async () => {
    const exit = await server.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.stdout).toMatch(/Shutting down/);
  });
});
