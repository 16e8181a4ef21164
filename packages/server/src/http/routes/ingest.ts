import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { SightlineError } from "../../errors.js";
import { type ParsedBatch, parseJsonBatch, parseNdjsonBatch } from "../../ingest/parse-body.js";
import type { BodyFormat } from "../../ingest/validation-message.js";
import { checkModelName, checkVersionName } from "../../names.js";
import { referenceFormat } from "../../reference/reference-service.js";
import type { AppServices } from "../app.js";

function requestBody(request: FastifyRequest): { text: string; format: BodyFormat } {
  const body = request.body;
  if (typeof body !== "string") {
    throw new SightlineError(
      "SL_UNSUPPORTED_MEDIA_TYPE",
      "send records as application/json (an array) or application/x-ndjson (one record a line)",
      { field: "content-type" },
    );
  }
  const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  return { text: body, format: type === "application/json" ? "json" : "ndjson" };
}

function parseBatch(request: FastifyRequest): ParsedBatch {
  const { text, format } = requestBody(request);
  return format === "json" ? parseJsonBatch(text) : parseNdjsonBatch(text);
}

// References can be far larger than a prediction batch (a whole training set).
const referenceBodyBytes = 1024 * 1024 * 1024;

/** Prediction, label and reference ingestion. */
export function ingestRoutes(services: AppServices, _maxBodyBytes: number): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Params: { model: string } }>(
      "/api/v1/models/:model/predictions",
      { config: { role: "ingest" } },
      async (request) => {
        const model = checkModelName(request.params.model);
        const { text, format } = requestBody(request);
        return services.ingest.ingestPredictionBody(model, text, format);
      },
    );
    app.post<{ Params: { model: string } }>(
      "/api/v1/models/:model/labels",
      { config: { role: "ingest" } },
      async (request) => {
        const model = checkModelName(request.params.model);
        return services.ingest.ingestLabels(model, parseBatch(request));
      },
    );
    app.post<{ Params: { model: string; version: string }; Querystring: { format?: string } }>(
      "/api/v1/models/:model/versions/:version/reference",
      { config: { role: "admin" }, bodyLimit: referenceBodyBytes },
      async (request, reply) => {
        const model = checkModelName(request.params.model);
        const version = checkVersionName(request.params.version);
        const format = referenceFormat(request.headers["content-type"], request.query.format);
        const body = typeof request.body === "string" ? Buffer.from(request.body) : (request.body as Buffer);
        const contract = await services.references.upload(model, version, body, format);
        return reply.status(201).send({ contract });
      },
    );
  };
}
