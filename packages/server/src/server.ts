import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { ServerConfig } from "./config.js";
import { MonitorService } from "./engine/monitors/monitor-service.js";
import { type MonitorsFile, parseMonitorsFile } from "./engine/monitors/parse-monitors-file.js";
import { volumeProvider } from "./engine/monitors/volume-provider.js";
import { buildNotifier } from "./engine/notifiers/build-notifier.js";
import { postJson } from "./engine/notifiers/notifier.js";
import { performanceCheckProvider } from "./engine/performance/performance-check-provider.js";
import { PerformanceService } from "./engine/performance/performance-service.js";
import { buildWindowEngine } from "./engine/window-engine.js";
import { SightlineError } from "./errors.js";
import { IngestMetrics } from "./exporters/ingest-metrics.js";
import { WindowGauges } from "./exporters/window-gauges.js";
import { type AppServices, buildApp } from "./http/app.js";
import { findWebRoot } from "./http/routes/web.js";
import { ContractRegistry } from "./ingest/contract-registry.js";
import { IngestService } from "./ingest/ingest-service.js";
import { lineageCheckProvider } from "./lineage/lineage-check-provider.js";
import { LineageService } from "./lineage/lineage-service.js";
import { TraceService } from "./otlp/trace-service.js";
import { ReferenceService } from "./reference/reference-service.js";
import { RegistryService } from "./registry/registry-service.js";
import { servingCheckProvider } from "./registry/serving-check-provider.js";
import { DEFAULT_MAX_TRAINING_AGE_MS } from "./registry/serving-checks.js";
import { DuckDbStore } from "./store/duckdb/duckdb-store.js";

/** Reads and validates the monitors file named in the config (empty when none). */
function readMonitorsFile(path: string | null): MonitorsFile {
  if (path === null) return { monitors: [], enabled: {}, notifiers: [] };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new SightlineError("SL_INVALID_CONFIG", `cannot read monitors file ${path}`, undefined, {
      cause: error,
    });
  }
  return parseMonitorsFile(text, path);
}

/** A running server. */
export interface RunningServer {
  url: string;
  app: FastifyInstance;
  services: AppServices;
  close(): Promise<void>;
}

/**
 * Opens the store, builds the services and starts listening.
 *
 * @example
 * const server = await startServer(resolveServerConfig({ port: 0 }, {}));
 * console.log(server.url);
 */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const monitorsFile = readMonitorsFile(config.monitorsFile);
  const store = await DuckDbStore.open(config.dataDir);
  const contracts = new ContractRegistry();
  let ingest: IngestService | undefined;
  const metrics = new IngestMetrics(() => ingest?.queueDepth ?? 0);
  for (const contract of await store.listContracts()) {
    contracts.set(contract);
    metrics.setContract(contract);
  }
  const now = () => Date.now();
  ingest = new IngestService(store, contracts, metrics, {
    maxBatchRecords: config.maxBatchRecords,
    maxQueuedRecords: config.maxQueuedRecords,
    now,
    // One core appends to the store; the others validate bodies (at least one worker, even on 2 cores).
    validationWorkers: Math.max(1, availableParallelism() - 1),
  });
  const references = new ReferenceService(store, contracts, metrics, join(config.dataDir, "tmp"), now);
  const windowGauges = new WindowGauges(metrics.registry);
  const registry = new RegistryService(store, DEFAULT_MAX_TRAINING_AGE_MS);
  const lineage = new LineageService(store.lineage, now);
  const traces = new TraceService(store.spans, now);
  const performance = new PerformanceService(store.performance);
  let serverUrl = "";
  const monitors = new MonitorService({
    store,
    file: monitorsFile,
    providers: [volumeProvider(store.alerts), servingCheckProvider(store)],
    notifiers: monitorsFile.notifiers.map((n) => buildNotifier(n, postJson)),
    publicUrl: () => config.publicUrl ?? serverUrl,
    graceMs: config.monitorGraceMs,
    intervalMs: config.monitorIntervalMs,
    now,
    onError: (error) => app.log.error({ err: error }, "monitor evaluation failed"),
    // The latest closed window's checks become Prometheus gauges (drift, performance, quality).
    onWindowChecks: (model, _window, checks) => windowGauges.update(model, checks),
    queue: { onError: (notifier, error) => app.log.error({ err: error, notifier }, "notification failed") },
  });
  const windows = buildWindowEngine(store);
  // After the volume provider (EWMA-judged volume): where two compute the same check, the first wins.
  for (const provider of windows.providers) monitors.addProvider(provider);
  monitors.addProvider(performanceCheckProvider(performance));
  monitors.addProvider(lineageCheckProvider(lineage));
  const services: AppServices = {
    windows,
    monitors,
    store,
    registry,
    lineage,
    traces,
    ingest,
    references,
    metrics,
    windowGauges,
    performance,
  };
  const app = buildApp(services, {
    apiKeys: config.apiKeys,
    maxBodyBytes: config.maxBodyBytes,
    logLevel: config.logLevel === "info" ? "warn" : config.logLevel,
    webRoot: findWebRoot(),
  });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await store.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":")
    ? `[${config.host}]`
    : config.host === "0.0.0.0"
      ? "127.0.0.1"
      : config.host;
  serverUrl = `http://${host}:${port}`;
  monitors.scheduler.start();
  return {
    url: serverUrl,
    app,
    services,
    async close() {
      // Connections busy when closing starts turn into idle keep-alive connections once answered, which
      // Fastify's one-time idle sweep misses: close those as they appear, or shutdown waits for every
      // client's keep-alive timeout (72 s) instead of only for the requests in flight.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
      }
      await monitors.scheduler.stop();
      await monitors.drain();
      await ingest.close();
      await store.close();
    },
  };
}
