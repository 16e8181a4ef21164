import { type Static, Type } from "@sinclair/typebox";

// The wire contract of one logged prediction. Browser-safe (TypeBox only), so the UI and the OpenAPI
// document share it. Limits bound memory per record; larger payloads are rejected with a reason.
export const limits = {
  maxFeatures: 2000,
  maxFeatureNameLength: 256,
  maxStringLength: 4096,
  maxScores: 1000,
  maxTags: 64,
  maxTagLength: 256,
  maxIdLength: 128,
} as const;

export const FeatureValue = Type.Union([
  Type.Number(),
  Type.String({ maxLength: limits.maxStringLength }),
  Type.Boolean(),
  Type.Null(),
]);

export const PredictionInput = Type.Object(
  {
    id: Type.Optional(
      Type.String({ minLength: 1, maxLength: limits.maxIdLength, pattern: "^[\\x21-\\x7e]+$" }),
    ),
    timestamp: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Number()])),
    version: Type.Optional(Type.String({ pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$" })),
    features: Type.Record(Type.String({ maxLength: limits.maxFeatureNameLength }), FeatureValue, {
      maxProperties: limits.maxFeatures,
    }),
    prediction: Type.Optional(
      Type.Union([Type.Number(), Type.String({ maxLength: limits.maxStringLength }), Type.Boolean()]),
    ),
    scores: Type.Optional(
      Type.Record(Type.String({ maxLength: limits.maxFeatureNameLength }), Type.Number(), {
        maxProperties: limits.maxScores,
      }),
    ),
    latency_ms: Type.Optional(Type.Number({ minimum: 0 })),
    error: Type.Optional(Type.String({ maxLength: limits.maxStringLength })),
    trace_id: Type.Optional(Type.String({ pattern: "^[0-9a-fA-F]{32}$" })),
    run_id: Type.Optional(
      Type.String({ minLength: 1, maxLength: limits.maxIdLength, pattern: "^[\\x20-\\x7e]+$" }),
    ),
    tags: Type.Optional(
      Type.Record(
        Type.String({ maxLength: limits.maxTagLength }),
        Type.String({ maxLength: limits.maxTagLength }),
        {
          maxProperties: limits.maxTags,
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type PredictionInput = Static<typeof PredictionInput>;

export const LabelInput = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: limits.maxIdLength, pattern: "^[\\x21-\\x7e]+$" }),
    label: Type.Union([Type.Number(), Type.String({ maxLength: limits.maxStringLength }), Type.Boolean()]),
    timestamp: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Number()])),
  },
  { additionalProperties: false },
);
export type LabelInput = Static<typeof LabelInput>;
