import { ingestPaths } from "./ingest-paths.js";
import { lineagePaths, tracePaths } from "./lineage-paths.js";
import { modelPaths } from "./models-paths.js";
import { monitorPaths } from "./monitors-paths.js";
import type { Paths, Response, Schema } from "./operation.js";
import { operationsPaths } from "./operations-paths.js";
import { registryPaths } from "./registry-paths.js";
import { errorResponseComponents } from "./responses.js";
import { schemas } from "./schemas.js";

function merge(...areas: Paths[]): Paths {
  const all: Paths = {};
  for (const area of areas) {
    for (const [path, item] of Object.entries(area)) all[path] = { ...all[path], ...item };
  }
  return all;
}

/** The OpenAPI 3.1 document: the fields Sightline fills. */
export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; summary: string; description: string; license: Schema };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: Paths;
  components: {
    schemas: Record<string, Schema>;
    responses: Record<string, Response>;
    securitySchemes: Record<string, Schema>;
  };
}

/**
 * The OpenAPI 3.1 document of the whole HTTP API, served at `GET /api/v1/openapi.json` and rendered at
 * `/api/docs`. Routes validate by hand, so this is written, not generated; openapi-document.test.ts checks
 * that it lists exactly the routes the app registers, with the same roles.
 *
 * @example
 * const doc = openApiDocument("0.1.0");
 * Object.keys(doc.paths).includes("/api/v1/models"); // true
 */
export function openApiDocument(version: string): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: {
      title: "Sightline HTTP API",
      version,
      summary: "Log, validate, monitor, trace and debug ML models in production",
      description:
        "Times are ISO-8601 (UTC when no offset is given) or epoch milliseconds; windows are half-open `[from, to)`. " +
        "Errors answer `{ error: { code, message, details } }` with a stable `SL_…` code. With API keys configured, " +
        "operations marked with a role need `Authorization: Bearer <key>` of that role (`admin` grants everything, " +
        "`read` and `ingest` only themselves); health, readiness and this document stay open.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: "/", description: "This server" }],
    tags: [
      { name: "Ingestion", description: "Predictions and labels" },
      {
        name: "Reference and contract",
        description: "What a version is compared against and what valid input is",
      },
      { name: "Models", description: "Models, predictions and violations" },
      { name: "Windows", description: "Drift, quality, outputs and performance per event-time window" },
      { name: "Registry", description: "Versions, aliases, promote and rollback, comparison" },
      { name: "Monitors and alerts", description: "Rules over checks, alerts, silences, advice" },
      { name: "Lineage", description: "Components, runs and artifacts; traces and impact" },
      { name: "Traces", description: "OpenTelemetry spans joined with predictions" },
      { name: "Operations", description: "Health, readiness, metrics" },
    ],
    paths: merge(
      operationsPaths,
      ingestPaths,
      modelPaths,
      registryPaths,
      monitorPaths,
      lineagePaths,
      tracePaths,
    ),
    components: {
      schemas,
      responses: errorResponseComponents,
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API key (`sightline keys create`)" },
      },
    },
  };
}
