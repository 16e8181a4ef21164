import type { Schema } from "./operation.js";

const time: Schema = {
  oneOf: [
    { type: "string", description: "ISO-8601" },
    { type: "integer", description: "epoch ms" },
  ],
};
const stringMap: Schema = { type: "object", additionalProperties: { type: "string" } };
const scalar: Schema = { type: ["number", "string", "boolean", "null"] };

/** Reusable schemas of the HTTP API (`#/components/schemas/<name>`). */
export const schemas: Record<string, Schema> = {
  Error: {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code: {
            type: "string",
            description: "Stable `SL_…` code (docs/errors.md)",
            examples: ["SL_INVALID_QUERY"],
          },
          message: { type: "string" },
          details: { type: "object", description: "e.g. `field` naming the bad input" },
        },
      },
    },
  },
  Time: time,
  PredictionRecord: {
    type: "object",
    properties: {
      id: {
        type: "string",
        minLength: 1,
        maxLength: 128,
        description: "Default: a UUIDv7; re-sent ids are not duplicated",
      },
      timestamp: { ...time, description: "Event time; default the time of receipt" },
      version: { type: "string", default: "unversioned" },
      features: { type: "object", additionalProperties: scalar, maxProperties: 2000 },
      prediction: { type: ["number", "string", "boolean"], description: "Required unless `error` is set" },
      scores: {
        type: "object",
        additionalProperties: { type: "number" },
        description: "class → probability",
      },
      latency_ms: { type: "number", minimum: 0 },
      error: { type: "string", description: "For failed inferences" },
      trace_id: { type: "string", pattern: "^[0-9a-fA-F]{32}$" },
      run_id: { type: "string", description: "The lineage run that served the prediction" },
      tags: { ...stringMap, maxProperties: 64, description: "Segments" },
    },
  },
  LabelRecord: {
    type: "object",
    required: ["id", "label"],
    properties: { id: { type: "string" }, label: { type: ["number", "string", "boolean"] }, timestamp: time },
  },
  IngestionResult: {
    type: "object",
    required: ["accepted", "ids", "rejected"],
    properties: {
      accepted: { type: "integer" },
      ids: { type: "array", items: { type: "string" } },
      rejected: {
        type: "array",
        items: {
          type: "object",
          properties: { index: { type: "integer" }, field: { type: "string" }, reason: { type: "string" } },
        },
      },
    },
  },
  Column: {
    type: "object",
    description: "What valid values of one column look like",
    properties: {
      name: { type: "string" },
      type: { type: "string", enum: ["numeric", "categorical", "boolean"] },
      min: { type: ["number", "null"] },
      max: { type: ["number", "null"] },
      categories: {
        type: ["array", "null"],
        items: { type: "string" },
        description: "null above 1,000 values",
      },
      missingRate: { type: "number" },
      quantiles: { type: ["array", "null"], items: { type: "number" }, description: "Deciles (numeric)" },
    },
  },
  Contract: {
    type: "object",
    description: "What valid input looks like, learned from the reference",
    properties: {
      model: { type: "string" },
      version: { type: "string" },
      rows: { type: "integer" },
      features: { type: "array", items: { $ref: "#/components/schemas/Column" } },
      prediction: { oneOf: [{ $ref: "#/components/schemas/Column" }, { type: "null" }] },
      label: { oneOf: [{ $ref: "#/components/schemas/Column" }, { type: "null" }] },
      createdMs: { type: "integer" },
    },
  },
  Model: {
    type: "object",
    description: "A model with prediction and label counts, merged with the registry",
    properties: {
      model: { type: "string" },
      registered: { type: "boolean" },
      description: { type: ["string", "null"] },
      owner: { type: ["string", "null"] },
      tags: stringMap,
      serving_alias: { type: "string" },
      aliases: { ...stringMap, description: "alias → version" },
      predictions: { type: "integer" },
      labels: { type: "integer" },
      versions: { type: "array", items: { type: "string" } },
      first_timestamp: { type: ["string", "null"] },
      last_timestamp: { type: ["string", "null"] },
    },
  },
  Version: {
    type: "object",
    properties: {
      version: { type: "string" },
      registered: { type: "boolean" },
      artifact_uri: { type: "string" },
      run_id: { type: ["string", "null"] },
      metrics: { type: "object", additionalProperties: { type: "number" } },
      tags: stringMap,
      aliases: { type: "array", items: { type: "string" } },
      has_contract: { type: "boolean" },
    },
  },
  Check: {
    type: "object",
    description: "One computed result for a window",
    properties: {
      kind: { type: "string" },
      subject: { type: "string" },
      metric: { type: "string" },
      value: { type: ["number", "null"] },
      threshold: { type: ["number", "null"] },
      breached: { type: "boolean" },
    },
  },
  Monitor: {
    type: "object",
    description: "A rule over checks with a threshold (docs/monitors.md)",
    required: ["name"],
    properties: {
      name: { type: "string" },
      model: { type: "string" },
      check: { type: "object" },
      threshold: { type: "object" },
      window: { type: "string" },
      for: { type: "integer" },
      delay: {
        type: ["string", "integer"],
        description:
          "How long after a window's end it is judged (a duration or 0). In answers: the delay in force; for a performance monitor stating none, the observed label lag",
      },
      delay_source: {
        type: "object",
        readOnly: true,
        description: "Where the delay came from (answers only)",
        properties: {
          source: { type: "string", enum: ["stated", "observed", "default"] },
          quantile: { type: "number", description: "observed: the label lag quantile (0.95)" },
          labels: {
            type: "integer",
            description: "observed or default: labels in the 30 days before the clock",
          },
          lag_ms: { type: "number", description: "observed: the lag quantile before rounding up to hours" },
          min_labels: { type: "integer", description: "default: labels needed to observe the lag" },
        },
      },
      severity: { type: "string" },
      notify: { type: "array", items: { type: "string" } },
      enabled: { type: "boolean" },
    },
  },
  Alert: {
    type: "object",
    properties: {
      id: { type: "string" },
      monitor: { type: "string" },
      model: { type: "string" },
      state: { type: "string", enum: ["pending", "firing", "resolved"] },
      kind: { type: "string" },
      subject: { type: "string" },
      version: { type: ["string", "null"] },
      segment: { type: ["string", "null"] },
      severity: { type: "string" },
      labels: {
        ...stringMap,
        description:
          "The monitor's labels and the alert's model, monitor, kind, subject, severity, version and segment (when set): what `label` filters and silence matchers compare with",
      },
      silenced: { type: "boolean" },
      silence_id: { type: ["string", "null"] },
      starts_at: time,
      fired_at: { type: ["string", "null"] },
      resolved_at: { type: ["string", "null"] },
      evidence: { type: "object" },
      acknowledged_at: { type: ["string", "null"] },
      acknowledged_by: { type: ["string", "null"] },
    },
  },
  Silence: {
    type: "object",
    required: ["matchers", "until"],
    properties: {
      matchers: stringMap,
      until: time,
      starts_at: time,
      comment: { type: "string" },
      created_by: { type: "string" },
    },
  },
  Artifact: {
    oneOf: [
      { type: "string" },
      {
        type: "object",
        required: ["name"],
        properties: {
          name: { type: "string" },
          hash: { type: "string" },
          kind: { type: "string", enum: ["data", "model", "endpoint", "other"] },
        },
      },
    ],
  },
  Run: {
    type: "object",
    required: ["component", "start_time"],
    properties: {
      id: { type: "string" },
      component: { type: "string" },
      start_time: time,
      end_time: time,
      status: { type: "string", enum: ["running", "success", "failed"] },
      inputs: { type: "array", items: { $ref: "#/components/schemas/Artifact" } },
      outputs: { type: "array", items: { $ref: "#/components/schemas/Artifact" } },
      error: { type: "string" },
      notes: { type: "string" },
      code_snapshot: { type: "string" },
      code_hash: { type: "string" },
      git_commit: { type: "string" },
      params: { type: "object" },
      metrics: { type: "object", additionalProperties: { type: "number" } },
      component_description: { type: "string" },
      owner: { type: "string" },
      tags: stringMap,
    },
  },
  Windows: {
    type: "object",
    description: "Per-window results: `{ model, version, segment, windows: [{ from, to, rows, … }] }`",
    properties: {
      model: { type: "string" },
      version: { type: ["string", "null"] },
      segment: { type: ["string", "null"] },
      windows: { type: "array", items: { type: "object" } },
    },
  },
  DriftMatrix: {
    type: "object",
    description:
      "`/drift` in the drift matrix's compact form: names and reasons once, one array per field per window",
    required: [
      "model",
      "version",
      "segment",
      "reference_rows",
      "columns",
      "column_reference_rows",
      "methods",
      "threshold_sources",
      "reasons",
      "windows",
    ],
    properties: {
      model: { type: "string" },
      version: { type: "string" },
      segment: { type: ["string", "null"] },
      reference_rows: { type: "integer" },
      columns: { type: "array", items: { type: "string" } },
      column_reference_rows: {
        type: "array",
        items: { type: "integer" },
        description: "Per column: the reference's rows with the column present",
      },
      methods: { type: "array", items: { type: "string" } },
      threshold_sources: { type: "array", items: { type: "string" } },
      reasons: { type: "array", items: { type: "string" } },
      windows: {
        type: "array",
        items: {
          type: "object",
          required: [
            "from",
            "to",
            "rows",
            "statistic",
            "p_value",
            "threshold",
            "drift",
            "method",
            "threshold_source",
            "reason",
            "column_rows",
            "multivariate",
          ],
          properties: {
            from: { type: "string" },
            to: { type: "string" },
            rows: { type: "integer" },
            statistic: { type: "array", items: { type: ["number", "null"] } },
            p_value: { type: "array", items: { type: ["number", "null"] } },
            threshold: { type: "array", items: { type: ["number", "null"] } },
            drift: { type: "array", items: { type: ["boolean", "null"] } },
            method: {
              type: "array",
              items: { type: ["integer", "null"] },
              description: "Index into `methods`",
            },
            threshold_source: {
              type: "array",
              items: { type: ["integer", "null"] },
              description: "Index into `threshold_sources`",
            },
            reason: {
              type: "array",
              items: { type: ["integer", "null"] },
              description: "Index into `reasons`",
            },
            column_rows: {
              type: "array",
              items: { type: ["integer", "null"] },
              description: "Rows of the window with the column present",
            },
            multivariate: {
              type: ["object", "null"],
              description:
                "PCA reconstruction error `{ statistic, lower, upper, drift_detected, rows, reference_rows }`",
            },
          },
        },
      },
    },
  },
  Trace: {
    type: "object",
    description: "A trace's spans as a tree and the predictions logged with its trace id",
    properties: {
      trace_id: { type: "string" },
      span_count: { type: "integer" },
      services: { type: "array", items: { type: "string" } },
      roots: { type: "array", items: { type: "object" } },
      predictions: { type: "array", items: { type: "object" } },
    },
  },
};
