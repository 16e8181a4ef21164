import { TypeCompiler } from "@sinclair/typebox/compiler";
import type { LabelRow } from "./prediction-row.js";
import { LabelInput } from "./prediction-schema.js";
import { firstSchemaError, type Rejection } from "./record-error.js";
import { parseTimestamp } from "./timestamp.js";

const checkLabel = TypeCompiler.Compile(LabelInput);

/** Validates one raw label record: `{ id, label, timestamp? }`. */
export function normalizeLabel(
  raw: unknown,
  index: number,
  model: string,
  nowMs: number,
): LabelRow | Rejection {
  if (!checkLabel.Check(raw)) return { index, ...firstSchemaError(checkLabel, raw) };
  let tsMs = nowMs;
  if (raw.timestamp !== undefined) {
    const parsed = parseTimestamp(raw.timestamp);
    if (typeof parsed === "string") return { index, field: "timestamp", reason: parsed };
    tsMs = parsed;
  }
  const label = raw.label;
  return {
    model,
    id: raw.id,
    labelJson: JSON.stringify(label),
    labelNum: typeof label === "number" ? label : typeof label === "boolean" ? Number(label) : null,
    tsMs,
    receivedMs: nowMs,
  };
}
