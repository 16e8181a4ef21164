import { INVALID, wireJson } from "./json-safe.js";
import { wireTimestamp } from "./wire-timestamp.js";

/** A label as queued by `ModelLogger.label()`. */
export interface PendingLabel {
  readonly label: unknown;
  readonly timestamp: unknown;
}

/** One label record as an NDJSON line (without the newline), or undefined when it cannot be sent. */
export function encodeLabel(value: unknown, id: string): string | undefined {
  const { label, timestamp } = value as PendingLabel;
  if (id === "" || label === undefined) return undefined;
  const wireLabel = wireJson(label);
  if (wireLabel === INVALID) return undefined;
  const out: Record<string, unknown> = { id, label: wireLabel };
  if (timestamp !== undefined) {
    const ts = wireTimestamp(timestamp);
    if (ts === INVALID) return undefined;
    out.timestamp = ts;
  }
  return JSON.stringify(out);
}
