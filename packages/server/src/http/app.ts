import Fastify, { type FastifyInstance } from "fastify";
import type { ApiKey } from "../auth/api-keys.js";
import type { MonitorService } from "../engine/monitors/monitor-service.js";
import type { PerformanceService } from "../engine/performance/performance-service.js";
import type { WindowEngine } from "../engine/window-engine.js";
import type { IngestMetrics } from "../exporters/ingest-metrics.js";
import type { WindowGauges } from "../exporters/window-gauges.js";
import type { IngestService } from "../ingest/ingest-service.js";
import type { LineageService } from "../lineage/lineage-service.js";
import type { TraceService } from "../otlp/trace-service.js";
import type { ReferenceService } from "../reference/reference-service.js";
import type { RegistryService } from "../registry/registry-service.js";
import type { Store } from "../store/store.js";
import { authHook } from "./auth.js";
import { decodeContentEncoding } from "./content-encoding.js";
import { errorLogFields, toErrorReply } from "./error-reply.js";
import { alertRoutes } from "./routes/alerts.js";
import { healthRoutes } from "./routes/health.js";
import { ingestRoutes } from "./routes/ingest.js";
import { lineageRoutes } from "./routes/lineage.js";
import { modelRoutes } from "./routes/models.js";
import { monitorRoutes } from "./routes/monitors.js";
import { openApiRoutes } from "./routes/openapi.js";
import { otlpRoutes } from "./routes/otlp.js";
import { performanceRoutes } from "./routes/performance.js";
import { registryRoutes } from "./routes/registry.js";
import { segmentRoutes } from "./routes/segments.js";
import { isUiPath, registerWeb, sendUi } from "./routes/web.js";
import { windowRoutes } from "./routes/windows.js";

/** The services the HTTP face exposes; built once by the server and shared with the CLI. */
export interface AppServices {
  store: Store;
  ingest: IngestService;
  references: ReferenceService;
  metrics: IngestMetrics;
  /** Performance per window with label coverage and CBPE. */
  performance: PerformanceService;
  registry: RegistryService;
  lineage: LineageService;
  /** OpenTelemetry spans (OTLP/HTTP JSON) and traces joined with predictions. */
  traces: TraceService;
  /** Gauges of each model's latest closed window; the engine updates them. */
  windowGauges: WindowGauges;
  /** Monitors, their evaluation schedule, alerts' notifications and retraining advice. */
  monitors: MonitorService;
  /** Drift, data quality and outputs per window (`/drift`, `/quality`, `/outputs`) and their check providers. */
  windows: WindowEngine;
}

export interface AppOptions {
  apiKeys: readonly ApiKey[];
  maxBodyBytes: number;
  logLevel: string;
  /** The built UI to serve at `/` (packages/web/dist); none: `/` says how to build it. */
  webRoot?: string | undefined;
}

/**
 * Builds the Fastify app: content parsing, auth, routes and one error format. Listening is the caller's job.
 *
 * @example
 * const app = buildApp(services, { apiKeys: [], maxBodyBytes: 64 << 20, logLevel: "silent" });
 * await app.listen({ port: 7070, host: "127.0.0.1" });
 */
export function buildApp(services: AppServices, options: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logLevel === "silent" ? false : { level: options.logLevel },
    bodyLimit: options.maxBodyBytes,
    // Route params hold model names; longer ones are rejected by name validation anyway.
    routerOptions: { maxParamLength: 512 },
  });
  // Bodies are kept raw: the ingest code parses them to report line and column of malformed records.
  app.removeAllContentTypeParsers();
  app.addHook("preParsing", decodeContentEncoding);
  app.addContentTypeParser(
    ["application/json", "application/x-ndjson", "application/jsonl", "text/plain"],
    { parseAs: "string" },
    (_request, body, done) => done(null, body),
  );
  app.addContentTypeParser(
    ["text/csv", "application/vnd.apache.parquet", "application/x-parquet", "application/octet-stream"],
    { parseAs: "buffer" },
    (_request, body, done) => done(null, body),
  );
  app.addHook("onRequest", authHook(options.apiKeys));
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorReply(error);
    if (status >= 500) request.log.error(errorLogFields(error), "request failed");
    const details = body.error.details as { rejected?: unknown } | undefined;
    // A batch whose every record was rejected still answers in the ingestion shape.
    const extra = details?.rejected ? { accepted: 0, ids: [], rejected: details.rejected } : {};
    void reply.status(status).send({ ...extra, ...body });
  });
  app.setNotFoundHandler((request, reply) => {
    if (options.webRoot && isUiPath(request)) return sendUi(reply);
    if (!options.webRoot && request.method === "GET" && request.url === "/") {
      return reply.status(404).send({
        error: {
          code: "SL_NOT_FOUND",
          message: "the web UI is not built: run `npm run build -w @sightline/web`",
        },
      });
    }
    return reply
      .status(404)
      .send({ error: { code: "SL_NOT_FOUND", message: `no route ${request.method} ${request.url}` } });
  });
  const webRoot = options.webRoot;
  if (webRoot) registerWeb(app, webRoot);
  app.register(healthRoutes(services));
  app.register(ingestRoutes(services, options.maxBodyBytes));
  app.register(modelRoutes(services));
  app.register(performanceRoutes(services));
  app.register(registryRoutes(services));
  app.register(monitorRoutes(services));
  app.register(alertRoutes(services));
  app.register(lineageRoutes(services));
  app.register(otlpRoutes(services));
  app.register(windowRoutes(services));
  app.register(segmentRoutes(services));
  app.register(openApiRoutes());
  return app;
}
