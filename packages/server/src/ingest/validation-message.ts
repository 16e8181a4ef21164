import type { Contract } from "../contract/contract.js";
import type { PredictionColumns } from "./prediction-columns.js";

/** The format of a request body: a JSON array (or one record object), or NDJSON. */
export type BodyFormat = "json" | "ndjson";

/** What the event loop sends a validation worker. */
export type ValidationRequest =
  | { type: "contract"; contract: Contract }
  | { type: "validate"; job: number; model: string; text: string; format: BodyFormat; nowMs: number };

/** What a validation worker answers: the batch by column, or the error that rejects the whole body. */
export type ValidationReply =
  | { job: number; columns: PredictionColumns }
  | { job: number; error: { code: string; message: string; details: unknown } };
