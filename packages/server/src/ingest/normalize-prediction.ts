import { TypeCompiler } from "@sinclair/typebox/compiler";
import { uuidv7 } from "uuidv7";
import { type ContractIndex, checkPrediction } from "../contract/check-prediction.js";
import type { AcceptedPrediction } from "./prediction-row.js";
import { PredictionInput } from "./prediction-schema.js";
import { firstSchemaError, type Rejection } from "./record-error.js";
import { headlineScore } from "./score.js";
import { parseTimestamp } from "./timestamp.js";

const checkInput = TypeCompiler.Compile(PredictionInput);

export const defaultVersion = "unversioned";

type Scalar = number | string | boolean | null;

// JSON cannot carry NaN or infinities, but JSON.parse turns 1e999 into Infinity: keep such values as the
// strings the contract check recognises, so they are flagged rather than silently becoming null.
function normalizeFeatures(features: Record<string, Scalar>): Record<string, Scalar> {
  for (const key in features) {
    const v = features[key];
    if (typeof v === "number" && !Number.isFinite(v)) features[key] = String(v);
  }
  return features;
}

/**
 * Validates one raw record and turns it into a row, or a rejection naming the field and the reason.
 * Contract violations do not reject: they are attached to the accepted row.
 */
export function normalizePrediction(
  raw: unknown,
  index: number,
  model: string,
  nowMs: number,
  contractFor: (version: string) => ContractIndex | undefined,
): AcceptedPrediction | Rejection {
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    const f = (raw as { features?: unknown }).features;
    if (f !== null && typeof f === "object" && !Array.isArray(f))
      normalizeFeatures(f as Record<string, Scalar>);
  }
  if (!checkInput.Check(raw)) return { index, ...firstSchemaError(checkInput, raw) };
  const input = raw;
  let tsMs = nowMs;
  if (input.timestamp !== undefined) {
    const parsed = parseTimestamp(input.timestamp);
    if (typeof parsed === "string") return { index, field: "timestamp", reason: parsed };
    tsMs = parsed;
  }
  if (input.prediction === undefined && input.error === undefined) {
    return { index, field: "prediction", reason: "is required unless error is set (a failed inference)" };
  }
  if (input.trace_id !== undefined && /^0+$/.test(input.trace_id)) {
    return { index, field: "trace_id", reason: "must not be all zeros (W3C invalid trace id)" };
  }
  const version = input.version ?? defaultVersion;
  const violations = checkPrediction(input.features, input.prediction, input.scores, contractFor(version));
  const prediction = input.prediction;
  const scores = input.scores;
  return {
    violations,
    row: {
      model,
      id: input.id ?? uuidv7(),
      tsMs,
      version,
      featuresJson: JSON.stringify(input.features),
      predictionJson: prediction === undefined ? null : JSON.stringify(prediction),
      predictionNum:
        typeof prediction === "number"
          ? prediction
          : typeof prediction === "boolean"
            ? Number(prediction)
            : null,
      scoresJson: scores === undefined ? null : JSON.stringify(scores),
      score: scores === undefined ? null : headlineScore(scores),
      latencyMs: input.latency_ms ?? null,
      error: input.error ?? null,
      traceId: input.trace_id?.toLowerCase() ?? null,
      tagsJson: input.tags === undefined ? null : JSON.stringify(input.tags),
      violationsJson: violations.length === 0 ? null : JSON.stringify(violations),
      violationCount: violations.length,
      receivedMs: nowMs,
      runId: input.run_id ?? null,
    },
  };
}
