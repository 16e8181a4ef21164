import { operation, type Paths, type RequestBody } from "./operation.js";
import { modelParam, queryParam, versionParam } from "./parameters.js";
import { errorResponses, jsonResponse } from "./responses.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function records(item: string): RequestBody {
  return {
    required: true,
    description:
      "An array of records or one record (`application/json`), or one record a line (NDJSON); may be gzip-compressed",
    content: {
      "application/json": { schema: { oneOf: [ref(item), { type: "array", items: ref(item) }] } },
      "application/x-ndjson": { schema: { type: "string" } },
    },
  };
}

const ingested = jsonResponse(
  "Good records stored and durable; the others listed in `rejected`",
  ref("IngestionResult"),
);

/** Ingestion of predictions, labels, reference data and OpenTelemetry spans. */
export const ingestPaths: Paths = {
  "/api/v1/models/{model}/predictions": {
    post: operation("ingest", {
      operationId: "logPredictions",
      tags: ["Ingestion"],
      summary: "Log predictions",
      description:
        "Records are validated against the version's contract; violating records are kept and flagged.",
      parameters: [modelParam],
      requestBody: records("PredictionRecord"),
      responses: {
        "200": ingested,
        "429": jsonResponse("Ingest queue full: retry later"),
        ...errorResponses("TooLarge", "UnsupportedMediaType"),
      },
    }),
  },
  "/api/v1/models/{model}/labels": {
    post: operation("ingest", {
      operationId: "logLabels",
      tags: ["Ingestion"],
      summary: "Log labels (ground truth by prediction id)",
      description: "A label may arrive before or after its prediction; the latest label for an id wins.",
      parameters: [modelParam],
      requestBody: records("LabelRecord"),
      responses: {
        "200": ingested,
        "429": jsonResponse("Ingest queue full: retry later"),
        ...errorResponses("TooLarge", "UnsupportedMediaType"),
      },
    }),
  },
  "/api/v1/models/{model}/versions/{version}/reference": {
    post: operation("admin", {
      operationId: "uploadReference",
      tags: ["Reference and contract"],
      summary: "Upload a version's reference data and learn its contract",
      description:
        "Feature columns plus optional `prediction`, `label` and `score` columns. Replaces any earlier reference.",
      parameters: [
        modelParam,
        versionParam,
        queryParam("format", "Body format when the Content-Type does not say", {
          type: "string",
          enum: ["csv", "parquet", "ndjson"],
        }),
      ],
      requestBody: {
        required: true,
        content: {
          "text/csv": { schema: { type: "string" } },
          "application/vnd.apache.parquet": { schema: { type: "string", contentEncoding: "binary" } },
          "application/x-ndjson": { schema: { type: "string" } },
        },
      },
      responses: {
        "201": jsonResponse("The learned contract", {
          type: "object",
          properties: { contract: ref("Contract") },
        }),
        ...errorResponses("TooLarge", "UnsupportedMediaType"),
      },
    }),
  },
  "/v1/traces": {
    post: operation("ingest", {
      operationId: "exportTraces",
      tags: ["Traces"],
      summary: "OTLP/HTTP trace export (JSON encoding)",
      description: "An `ExportTraceServiceRequest`; protobuf is refused with 415.",
      requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
      responses: {
        "200": jsonResponse("Spans stored; `partialSuccess.rejectedSpans` counts the unreadable ones", {
          type: "object",
          properties: { partialSuccess: { type: "object" } },
        }),
        ...errorResponses("TooLarge", "UnsupportedMediaType"),
      },
    }),
  },
};
