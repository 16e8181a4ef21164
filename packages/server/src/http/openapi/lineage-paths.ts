import { operation, type Paths } from "./operation.js";
import { limitParam, modelParam, pathParam, queryParam, rangeParams } from "./parameters.js";
import { errorResponses, jsonBody, jsonResponse } from "./responses.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const staleDays = queryParam("stale_days", "A dependency older than this many days makes a run stale", {
  type: "number",
  default: 30,
});
const statusParam = queryParam("status", "Only runs with this status", {
  type: "string",
  enum: ["running", "success", "failed"],
});
const artifactParams = [queryParam("artifact", "Artifact name"), queryParam("hash", "Artifact content hash")];
const flagTarget = jsonBody({
  oneOf: [
    {
      type: "object",
      required: ["artifact"],
      properties: { artifact: { type: "string" }, hash: { type: "string" } },
    },
    {
      type: "object",
      required: ["model", "prediction"],
      properties: { model: { type: "string" }, prediction: { type: "string" } },
    },
  ],
});

/** Lineage: components, runs, artifacts, traces, impact, staleness, flags and review. */
export const lineagePaths: Paths = {
  "/api/v1/runs": {
    post: operation("ingest", {
      operationId: "recordRun",
      tags: ["Lineage"],
      summary: "Record a run (re-posting an id updates it)",
      requestBody: jsonBody(ref("Run")),
      responses: {
        "201": jsonResponse("The run's id, resolved dependencies and stale warnings", {
          type: "object",
          properties: { id: { type: "string" }, dependencies: { type: "array" }, stale: { type: "array" } },
        }),
        ...errorResponses(),
      },
    }),
    get: operation("read", {
      operationId: "listRuns",
      tags: ["Lineage"],
      summary: "Recent runs, newest first",
      parameters: [limitParam(50), queryParam("component", "Only this component's runs"), statusParam],
      responses: { "200": jsonResponse("The runs"), ...errorResponses() },
    }),
  },
  "/api/v1/runs/{id}": {
    get: operation("read", {
      operationId: "getRun",
      tags: ["Lineage"],
      summary: "One run in full, with dependencies and stale warnings",
      parameters: [pathParam("id", "Run id"), staleDays],
      responses: { "200": jsonResponse("The run"), ...errorResponses("NotFound") },
    }),
  },
  "/api/v1/components": {
    post: operation("ingest", {
      operationId: "putComponent",
      tags: ["Lineage"],
      summary: "Create or replace a component",
      requestBody: jsonBody({
        type: "object",
        required: ["name"],
        properties: {
          name: { type: "string" },
          description: { type: "string" },
          owner: { type: "string" },
          tags: { type: "object", additionalProperties: { type: "string" } },
        },
      }),
      responses: { "201": jsonResponse("The component"), ...errorResponses() },
    }),
    get: operation("read", {
      operationId: "listComponents",
      tags: ["Lineage"],
      summary: "Every component with its run count and last start",
      responses: { "200": jsonResponse("The components"), ...errorResponses() },
    }),
  },
  "/api/v1/components/{name}/runs": {
    get: operation("read", {
      operationId: "getComponentHistory",
      tags: ["Lineage"],
      summary: "A component's runs, bounded by start time",
      parameters: [pathParam("name", "Component name"), ...rangeParams, limitParam(50), statusParam],
      responses: { "200": jsonResponse("The runs"), ...errorResponses("NotFound") },
    }),
  },
  "/api/v1/lineage/trace": {
    get: operation("read", {
      operationId: "traceLineage",
      tags: ["Lineage"],
      summary: "Backward trace of a prediction, run or artifact as a tree",
      description: "Exactly one of `prediction` (with `model`), `run` or `artifact`.",
      parameters: [
        queryParam("model", "Model of the prediction"),
        queryParam("prediction", "Prediction id"),
        queryParam("run", "Run id"),
        ...artifactParams,
        queryParam("depth", "Run levels", { type: "integer", minimum: 1, maximum: 100, default: 20 }),
        staleDays,
      ],
      responses: { "200": jsonResponse("`{ trace, stale }`"), ...errorResponses("NotFound") },
    }),
  },
  "/api/v1/lineage/impact": {
    get: operation("read", {
      operationId: "getImpact",
      tags: ["Lineage"],
      summary: "Forward impact of a run or artifact: runs, model versions, predictions",
      parameters: [
        queryParam("run", "Run id"),
        ...artifactParams,
        queryParam("sample", "Predictions sampled", {
          type: "integer",
          minimum: 0,
          maximum: 1000,
          default: 20,
        }),
      ],
      responses: { "200": jsonResponse("The impact"), ...errorResponses("NotFound") },
    }),
  },
  "/api/v1/lineage/stale": {
    get: operation("read", {
      operationId: "listStale",
      tags: ["Lineage"],
      summary: "The latest run of each component that is stale",
      parameters: [staleDays, queryParam("component", "Only this component")],
      responses: { "200": jsonResponse("The stale runs"), ...errorResponses() },
    }),
  },
  "/api/v1/lineage/review": {
    get: operation("read", {
      operationId: "reviewFlags",
      tags: ["Lineage"],
      summary: "Flagged outputs and the runs ranked by how many of them they feed",
      parameters: [limitParam(20, 1000)],
      responses: { "200": jsonResponse("The review"), ...errorResponses() },
    }),
  },
  "/api/v1/lineage/flags": {
    post: operation("ingest", {
      operationId: "flagOutput",
      tags: ["Lineage"],
      summary: "Flag an artifact or a prediction (200 when it already was)",
      requestBody: flagTarget,
      responses: {
        "201": jsonResponse("Flagged"),
        "200": jsonResponse("Already flagged"),
        ...errorResponses("NotFound"),
      },
    }),
    delete: operation("ingest", {
      operationId: "unflagOutput",
      tags: ["Lineage"],
      summary: "Remove a flag (target in the body or the query)",
      parameters: [
        queryParam("model", "Model of the prediction"),
        queryParam("prediction", "Prediction id"),
        ...artifactParams,
      ],
      requestBody: { ...flagTarget, required: false },
      responses: { "200": jsonResponse("`{ unflagged, removed }`"), ...errorResponses() },
    }),
  },
};

/** Traces joined with predictions (`/api/v1/traces/…`, a prediction's trace). */
export const tracePaths: Paths = {
  "/api/v1/traces/{traceId}": {
    get: operation("read", {
      operationId: "getTrace",
      tags: ["Traces"],
      summary: "A trace's spans as a tree and the predictions logged with it",
      parameters: [pathParam("traceId", "32 hex characters")],
      responses: { "200": jsonResponse("The trace", ref("Trace")), ...errorResponses("NotFound") },
    }),
  },
  "/api/v1/models/{model}/predictions/{id}/trace": {
    get: operation("read", {
      operationId: "getPredictionTrace",
      tags: ["Traces"],
      summary: "The trace of one prediction",
      parameters: [modelParam, pathParam("id", "Prediction id")],
      responses: { "200": jsonResponse("The trace", ref("Trace")), ...errorResponses("NotFound") },
    }),
  },
};
