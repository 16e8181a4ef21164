import { operation, type Paths } from "./operation.js";
import { modelParam, pathParam, queryParam, rangeParams, versionParam, windowParams } from "./parameters.js";
import { errorResponses, jsonResponse } from "./responses.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The parameters of `/drift` and its `/drift/matrix` form (one handler serves both). */
const driftParams = [
  modelParam,
  ...windowParams,
  queryParam("method", "Comma-separated methods to run on every column they fit, e.g. `psi,binned-ks`"),
  queryParam("min_effect", "Smallest distance that counts as drift", { type: "number", minimum: 0 }),
  queryParam(
    "reference_chunks",
    "Let the spread of the reference's own time chunks raise thresholds (default true)",
    { type: "string", enum: ["true", "false"] },
  ),
];

/** Queries over models: listing, contracts, predictions, violations, drift, quality, outputs, performance. */
export const modelPaths: Paths = {
  "/api/v1/models": {
    get: operation("read", {
      operationId: "listModels",
      tags: ["Models"],
      summary: "Every model with counts, versions and registry fields",
      responses: {
        "200": jsonResponse("The models", {
          type: "object",
          properties: { models: { type: "array", items: ref("Model") } },
        }),
        ...errorResponses(),
      },
    }),
  },
  "/api/v1/models/{model}/versions/{version}/contract": {
    get: operation("read", {
      operationId: "getContract",
      tags: ["Reference and contract"],
      summary: "A version's contract",
      parameters: [modelParam, versionParam],
      responses: {
        "200": jsonResponse("The contract", { type: "object", properties: { contract: ref("Contract") } }),
        ...errorResponses("NotFound"),
      },
    }),
  },
  "/api/v1/models/{model}/predictions/{id}": {
    get: operation("read", {
      operationId: "getPrediction",
      tags: ["Models"],
      summary: "One prediction with its violations and label",
      parameters: [modelParam, pathParam("id", "Prediction id")],
      responses: { "200": jsonResponse("The prediction"), ...errorResponses("NotFound") },
    }),
  },
  "/api/v1/models/{model}/violations": {
    get: operation("read", {
      operationId: "countViolations",
      tags: ["Models"],
      summary: "Contract violations counted by version, field and kind",
      parameters: [modelParam],
      responses: { "200": jsonResponse("The counts"), ...errorResponses() },
    }),
  },
  "/api/v1/models/{model}/drift": {
    get: operation("read", {
      operationId: "getDrift",
      tags: ["Windows"],
      summary: "Drift per window and column against the version's reference",
      description:
        "Methods as `selectMethod` on summaries, thresholds calibrated on the reference (docs/drift-methods.md).",
      parameters: driftParams,
      responses: { "200": jsonResponse("Drift per window", ref("Windows")), ...errorResponses("NotFound") },
    }),
  },
  "/api/v1/models/{model}/drift/matrix": {
    get: operation("read", {
      operationId: "getDriftMatrix",
      tags: ["Windows"],
      summary: "The drift answer in the drift matrix's compact form",
      description:
        "Same parameters and computation as `/drift`. Columns and methods listed once; per window, arrays parallel to `columns` of `statistic`, `p_value`, `threshold`, `drift` and `method` (an index into `methods`), null where the column has no result, and the `multivariate` band. Reasons, row counts per column and the p-value correction stay in `/drift`.",
      parameters: driftParams,
      responses: {
        "200": jsonResponse("Drift per window, compact", ref("DriftMatrix")),
        ...errorResponses("NotFound"),
      },
    }),
  },
  "/api/v1/models/{model}/drift/distribution": {
    get: operation("read", {
      operationId: "getDriftDistribution",
      tags: ["Windows"],
      summary: "One column's reference and current counts over the bins its drift test uses",
      description:
        '`[from, to)` as one window. Numeric columns: `{ kind: "numeric", edges, reference, current }`, the 1,000 reference-quantile bins merged into about 20; categorical: `{ kind: "categorical", categories, reference, current }`, the 20 most frequent reference categories and `other`.',
      parameters: [
        modelParam,
        { ...queryParam("column", "The drift column (feature, `prediction` or `label`)"), required: true },
        ...windowParams.filter((p) => !["window", "cumulative"].includes(p.name)),
      ],
      responses: {
        "200": jsonResponse("Counts of the reference and of the range"),
        ...errorResponses("NotFound"),
      },
    }),
  },
  "/api/v1/models/{model}/segments": {
    get: operation("read", {
      operationId: "listSegments",
      tags: ["Models"],
      summary: "Segment tags of the predictions in a range and their most frequent values with counts",
      description:
        "`{ model, version, from, to, tags: [{ tag, rows, distinct_values, values: [{ value, count }] }] }`, tags on the most predictions first (at most 50), values most frequent first. Default range: the 7 days up to the newest prediction.",
      parameters: [
        modelParam,
        ...rangeParams,
        queryParam("version", "Only this version's predictions"),
        queryParam("limit", "Values listed per tag (1-100, default 20)", {
          type: "integer",
          minimum: 1,
          maximum: 100,
        }),
      ],
      responses: { "200": jsonResponse("Tags and their values"), ...errorResponses() },
    }),
  },
  "/api/v1/models/{model}/quality": {
    get: operation("read", {
      operationId: "getQuality",
      tags: ["Windows"],
      summary: "Data quality per window: missing, unseen and out-of-range values, violations",
      parameters: [modelParam, ...windowParams],
      responses: { "200": jsonResponse("Quality per window", ref("Windows")), ...errorResponses("NotFound") },
    }),
  },
  "/api/v1/models/{model}/outputs": {
    get: operation("read", {
      operationId: "getOutputs",
      tags: ["Windows"],
      summary: "Outputs per window: errors, latency, score distribution, classes, stuck output",
      parameters: [modelParam, ...windowParams],
      responses: { "200": jsonResponse("Outputs per window", ref("Windows")), ...errorResponses("NotFound") },
    }),
  },
  "/api/v1/models/{model}/performance": {
    get: operation("read", {
      operationId: "getPerformance",
      tags: ["Windows"],
      summary: "Realised performance per window and cumulatively, label coverage and lag, CBPE estimates",
      parameters: [
        modelParam,
        ...rangeParams,
        queryParam("window", "Fixed window size (`15m`, `1h`, `1d`, `1w`); default one window"),
        queryParam("version", "Only this version's predictions"),
        queryParam("segment", "`tag:value`"),
        queryParam("task", "Overrides task detection", {
          type: "string",
          enum: ["binary", "multiclass", "regression"],
        }),
      ],
      responses: { "200": jsonResponse("Performance per window"), ...errorResponses("NotFound") },
    }),
  },
};
