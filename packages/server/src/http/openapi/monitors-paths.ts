import { operation, type Paths } from "./operation.js";
import { limitParam, modelParam, pathParam, queryParam, rangeParams } from "./parameters.js";
import { errorResponses, jsonBody, jsonResponse } from "./responses.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nameParam = pathParam("name", "Monitor name");
const idParam = pathParam("id", "Alert or silence id");
const stateParam = queryParam("state", "Only alerts in this state", {
  type: "string",
  enum: ["pending", "firing", "resolved"],
});
const monitorAnswer = jsonResponse("The monitor", {
  type: "object",
  properties: { monitor: ref("Monitor") },
});
const noContent = { description: "Done" };

/** Monitors, alerts, silences and retraining advice. */
export const monitorPaths: Paths = {
  "/api/v1/monitors": {
    get: operation("read", {
      operationId: "listMonitors",
      tags: ["Monitors and alerts"],
      summary: "Every monitor in force (defaults, file, API) and the notifier names",
      parameters: [queryParam("model", "Only monitors of this model")],
      responses: { "200": jsonResponse("The monitors"), ...errorResponses() },
    }),
    post: operation("admin", {
      operationId: "createMonitor",
      tags: ["Monitors and alerts"],
      summary: "Create a monitor",
      requestBody: jsonBody(ref("Monitor")),
      responses: { "201": monitorAnswer, ...errorResponses("Conflict") },
    }),
  },
  "/api/v1/monitors/{name}": {
    get: operation("read", {
      operationId: "getMonitor",
      tags: ["Monitors and alerts"],
      summary: "One monitor",
      parameters: [nameParam],
      responses: { "200": monitorAnswer, ...errorResponses("NotFound") },
    }),
    put: operation("admin", {
      operationId: "putMonitor",
      tags: ["Monitors and alerts"],
      summary: "Create or replace a monitor (overrides a default or file monitor of that name)",
      parameters: [nameParam],
      requestBody: jsonBody(ref("Monitor")),
      responses: { "200": monitorAnswer, ...errorResponses() },
    }),
    delete: operation("admin", {
      operationId: "deleteMonitor",
      tags: ["Monitors and alerts"],
      summary: "Delete a monitor; a default or file monitor is switched off",
      parameters: [nameParam],
      responses: { "204": noContent, ...errorResponses("NotFound") },
    }),
  },
  "/api/v1/monitors/evaluate": {
    post: operation("admin", {
      operationId: "evaluateMonitors",
      tags: ["Monitors and alerts"],
      summary: "Evaluate every closed window now",
      responses: { "200": jsonResponse("What was evaluated"), ...errorResponses() },
    }),
  },
  "/api/v1/alerts": {
    get: operation("read", {
      operationId: "listAlerts",
      tags: ["Monitors and alerts"],
      summary: "Alerts, newest first, with their evidence",
      parameters: [
        stateParam,
        queryParam("model", "Only this model's alerts"),
        queryParam("monitor", "Only this monitor's alerts"),
        // An array in the query is repeated `label=` parameters (OpenAPI's default form style, exploded).
        queryParam(
          "label",
          "`key=value`, repeatable: only alerts whose labels (see `Alert.labels`) hold every one. Applied before `limit`; 400 naming `label` when one has no `=`, an empty key or value, or a key that is not a label name",
          { type: "array", items: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*=.+$" }, maxItems: 20 },
        ),
        limitParam(500, 10_000),
        queryParam(
          "before",
          "The `next_before` of the previous answer: the next page, with the same filters (400 when no alert has this id)",
        ),
      ],
      responses: {
        "200": jsonResponse("The alerts", {
          type: "object",
          properties: {
            alerts: { type: "array", items: ref("Alert") },
            next_before: {
              type: ["string", "null"],
              description: "When more alerts match: the id to pass as `before` for the next page; else null",
            },
          },
        }),
        ...errorResponses(),
      },
    }),
  },
  "/api/v1/alerts/{id}": {
    get: operation("read", {
      operationId: "getAlert",
      tags: ["Monitors and alerts"],
      summary: "One alert and its history",
      parameters: [idParam],
      responses: { "200": jsonResponse("The alert"), ...errorResponses("NotFound") },
    }),
  },
  "/api/v1/alerts/{id}/ack": {
    post: operation("admin", {
      operationId: "ackAlert",
      tags: ["Monitors and alerts"],
      summary: "Acknowledge an alert",
      parameters: [idParam],
      requestBody: jsonBody({ type: "object", properties: { by: { type: "string" } } }, false),
      responses: { "200": jsonResponse("The alert"), ...errorResponses("NotFound") },
    }),
  },
  "/api/v1/models/{model}/alerts": {
    get: operation("read", {
      operationId: "listModelAlerts",
      tags: ["Monitors and alerts"],
      summary: "The model's alerts active in `[from, to)` and their history",
      parameters: [modelParam, ...rangeParams, stateParam, limitParam(500, 10_000)],
      responses: { "200": jsonResponse("The alerts"), ...errorResponses() },
    }),
  },
  "/api/v1/silences": {
    get: operation("read", {
      operationId: "listSilences",
      tags: ["Monitors and alerts"],
      summary: "Silences in force",
      parameters: [
        queryParam("expired", "`true`: expired ones too", { type: "string", enum: ["true", "false"] }),
      ],
      responses: { "200": jsonResponse("The silences"), ...errorResponses() },
    }),
    post: operation("admin", {
      operationId: "createSilence",
      tags: ["Monitors and alerts"],
      summary: "Silence matching alerts until a time",
      requestBody: jsonBody(ref("Silence")),
      responses: { "201": jsonResponse("The silence"), ...errorResponses() },
    }),
  },
  "/api/v1/silences/{id}": {
    delete: operation("admin", {
      operationId: "endSilence",
      tags: ["Monitors and alerts"],
      summary: "End a silence now (kept in history)",
      parameters: [idParam],
      responses: { "204": noContent, ...errorResponses("NotFound") },
    }),
  },
  "/api/v1/models/{model}/advice": {
    get: operation("read", {
      operationId: "getAdvice",
      tags: ["Monitors and alerts"],
      summary: "Retraining advice: a verdict with its reasons",
      parameters: [modelParam, ...rangeParams, queryParam("window", "Window size")],
      responses: { "200": jsonResponse("The advice"), ...errorResponses("NotFound") },
    }),
  },
};
