import type { FastifyPluginAsync } from "fastify";
import { SightlineError } from "../../errors.js";
import { checkModelName } from "../../names.js";
import { checkTraceId } from "../../otlp/trace-service.js";
import type { AppServices } from "../app.js";

const PROTOBUF = ["application/x-protobuf", "application/protobuf"];

/**
 * OpenTelemetry: `POST /v1/traces` (OTLP/HTTP, JSON encoding), `GET /api/v1/traces/:traceId` and
 * `GET /api/v1/models/:model/predictions/:id/trace`.
 */
export function otlpRoutes(services: AppServices): FastifyPluginAsync {
  return async (app) => {
    const traces = services.traces;
    // Accepted only to answer with a clear 415 (Fastify's own says nothing about OTLP's JSON encoding).
    app.addContentTypeParser(PROTOBUF, { parseAs: "buffer" }, (_request, body, done) => done(null, body));
    app.post("/v1/traces", { config: { role: "ingest" } }, async (request) => {
      const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
      if (PROTOBUF.includes(type)) {
        throw new SightlineError(
          "SL_UNSUPPORTED_MEDIA_TYPE",
          "OTLP protobuf is not supported: send OTLP/HTTP with the JSON encoding (Content-Type: application/json; " +
            "e.g. OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json)",
        );
      }
      if (type !== "application/json") {
        throw new SightlineError(
          "SL_UNSUPPORTED_MEDIA_TYPE",
          `unsupported Content-Type ${JSON.stringify(type)}: send OTLP/HTTP JSON as application/json`,
        );
      }
      return traces.ingest(request.body as string);
    });
    const read = { config: { role: "read" } };
    app.get<{ Params: { traceId: string } }>("/api/v1/traces/:traceId", read, async (request) => {
      const traceId = checkTraceId(request.params.traceId, "traceId");
      const view = await traces.trace(traceId);
      if (view === undefined)
        throw new SightlineError("SL_NOT_FOUND", `no spans or predictions with trace id ${traceId}`);
      return view;
    });
    app.get<{ Params: { model: string; id: string } }>(
      "/api/v1/models/:model/predictions/:id/trace",
      read,
      async (request) => traces.predictionTrace(checkModelName(request.params.model), request.params.id),
    );
  };
}
