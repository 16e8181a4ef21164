import { operation, type Paths } from "./operation.js";
import { errorResponses, jsonResponse } from "./responses.js";

/** Health, readiness, Prometheus metrics and this document itself. */
export const operationsPaths: Paths = {
  "/healthz": {
    get: operation(null, {
      operationId: "health",
      tags: ["Operations"],
      summary: "The process answers",
      responses: { "200": jsonResponse('`{ status: "ok" }`') },
    }),
  },
  "/readyz": {
    get: operation(null, {
      operationId: "ready",
      tags: ["Operations"],
      summary: "The store takes writes",
      responses: {
        "200": jsonResponse('`{ status: "ready", store }`'),
        "503": jsonResponse("The store does not take writes"),
      },
    }),
  },
  "/metrics": {
    get: operation("read", {
      operationId: "metrics",
      tags: ["Operations"],
      summary: "Prometheus text exposition",
      responses: {
        "200": { description: "Metrics", content: { "text/plain": { schema: { type: "string" } } } },
        ...errorResponses(),
      },
    }),
  },
  "/api/v1/openapi.json": {
    get: operation(null, {
      operationId: "openapi",
      tags: ["Operations"],
      summary: "This OpenAPI 3.1 document (open: it describes the API and holds no data)",
      responses: { "200": jsonResponse("The document") },
    }),
  },
};
