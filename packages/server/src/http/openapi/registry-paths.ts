import { operation, type Paths } from "./operation.js";
import { limitParam, modelParam, pathParam, queryParam, rangeParams, versionParam } from "./parameters.js";
import { errorResponses, jsonBody, jsonResponse } from "./responses.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const aliasParam = pathParam("alias", "Alias name: `[a-z][a-z0-9_-]{0,63}`");
const aliasMove = jsonResponse("The move", {
  type: "object",
  properties: {
    model: { type: "string" },
    alias: { type: "string" },
    version: { type: "string" },
    previous_version: { type: ["string", "null"] },
  },
});

/** The model registry: models, versions, aliases (promote, rollback), audit, serving checks, comparison. */
export const registryPaths: Paths = {
  "/api/v1/models/{model}": {
    get: operation("read", {
      operationId: "getModel",
      tags: ["Registry"],
      summary: "A model's listing and its version details",
      parameters: [modelParam],
      responses: { "200": jsonResponse("The model", ref("Model")), ...errorResponses("NotFound") },
    }),
    put: operation("admin", {
      operationId: "updateModel",
      tags: ["Registry"],
      summary: "Set description, owner, tags and serving alias (absent fields keep their value)",
      parameters: [modelParam],
      requestBody: jsonBody({
        type: "object",
        properties: {
          description: { type: "string" },
          owner: { type: "string" },
          tags: { type: "object", additionalProperties: { type: "string" } },
          serving_alias: { type: "string", default: "production" },
        },
      }),
      responses: { "200": jsonResponse("The model", ref("Model")), ...errorResponses() },
    }),
  },
  "/api/v1/models/{model}/versions": {
    get: operation("read", {
      operationId: "listVersions",
      tags: ["Registry"],
      summary: "A model's versions, oldest first",
      parameters: [modelParam],
      responses: {
        "200": jsonResponse("The versions", {
          type: "object",
          properties: { model: { type: "string" }, versions: { type: "array", items: ref("Version") } },
        }),
        ...errorResponses("NotFound"),
      },
    }),
    post: operation("admin", {
      operationId: "registerVersion",
      tags: ["Registry"],
      summary: "Register a version (and the model, if new)",
      parameters: [modelParam],
      requestBody: jsonBody({
        type: "object",
        required: ["version"],
        properties: {
          version: { type: "string" },
          artifact_uri: { type: "string" },
          run_id: { type: "string" },
          metrics: { type: "object", additionalProperties: { type: "number" } },
          tags: { type: "object", additionalProperties: { type: "string" } },
          description: { type: "string" },
        },
      }),
      responses: { "201": jsonResponse("The version", ref("Version")), ...errorResponses("Conflict") },
    }),
  },
  "/api/v1/models/{model}/versions/{version}": {
    get: operation("read", {
      operationId: "getVersion",
      tags: ["Registry"],
      summary: "One version",
      parameters: [modelParam, versionParam],
      responses: { "200": jsonResponse("The version", ref("Version")), ...errorResponses("NotFound") },
    }),
  },
  "/api/v1/models/{model}/aliases/{alias}": {
    put: operation("admin", {
      operationId: "promote",
      tags: ["Registry"],
      summary: "Point an alias at a registered version (promote)",
      parameters: [modelParam, aliasParam],
      requestBody: jsonBody({
        type: "object",
        required: ["version"],
        properties: { version: { type: "string" } },
      }),
      responses: { "200": aliasMove, ...errorResponses("NotFound") },
    }),
  },
  "/api/v1/models/{model}/aliases/{alias}/rollback": {
    post: operation("admin", {
      operationId: "rollback",
      tags: ["Registry"],
      summary: "Move an alias back to the version it held before",
      parameters: [modelParam, aliasParam],
      responses: { "200": aliasMove, ...errorResponses("NotFound", "Conflict") },
    }),
  },
  "/api/v1/models/{model}/audit": {
    get: operation("read", {
      operationId: "getAudit",
      tags: ["Registry"],
      summary: "The model's audit trail, newest first",
      parameters: [modelParam, limitParam(100)],
      responses: { "200": jsonResponse("The audit trail"), ...errorResponses() },
    }),
  },
  "/api/v1/models/{model}/serving": {
    get: operation("read", {
      operationId: "getServingChecks",
      tags: ["Registry"],
      summary: "Serving-version and staleness checks for a window (default the last 7 days)",
      parameters: [modelParam, ...rangeParams],
      responses: {
        "200": jsonResponse("The checks", {
          type: "object",
          properties: { checks: { type: "array", items: ref("Check") } },
        }),
        ...errorResponses(),
      },
    }),
  },
  "/api/v1/models/{model}/compare": {
    get: operation("read", {
      operationId: "compareVersions",
      tags: ["Registry"],
      summary: "Compare two versions over the same window (canary, shadow)",
      parameters: [
        modelParam,
        { ...queryParam("baseline", "Baseline version"), required: true },
        { ...queryParam("candidate", "Candidate version"), required: true },
        ...rangeParams,
        queryParam("task", "Overrides task detection", {
          type: "string",
          enum: ["classification", "regression"],
        }),
        queryParam("metric", "Performance metric", { type: "string", enum: ["accuracy", "mae", "rmse"] }),
        queryParam("seed", "Bootstrap seed", { type: "integer", default: 1 }),
      ],
      responses: { "200": jsonResponse("The comparison and its verdict"), ...errorResponses() },
    }),
  },
};
