import { parentPort } from "node:worker_threads";
import { SightlineError } from "../errors.js";
import { ContractRegistry } from "./contract-registry.js";
import { parseJsonBatch, parseNdjsonBatch } from "./parse-body.js";
import { toPredictionColumns } from "./prediction-columns.js";
import { validatePredictions } from "./validate-predictions.js";
import type { ValidationReply, ValidationRequest } from "./validation-message.js";

// Entry point of a validation worker thread (see ValidationPool): parses, validates and contract-checks
// prediction bodies off the event loop and answers with the rows laid out by column.
const port = parentPort;
if (port) {
  const contracts = new ContractRegistry();
  port.on("message", (message: ValidationRequest) => {
    if (message.type === "contract") {
      contracts.set(message.contract);
      return;
    }
    const { job, model, text, format, nowMs } = message;
    let reply: ValidationReply;
    try {
      const batch = format === "json" ? parseJsonBatch(text) : parseNdjsonBatch(text);
      const validated = validatePredictions(batch, model, nowMs, (version) => contracts.get(model, version));
      reply = { job, columns: toPredictionColumns(validated, model, nowMs) };
    } catch (error) {
      reply =
        error instanceof SightlineError
          ? { job, error: { code: error.code, message: error.message, details: error.details } }
          : { job, error: { code: "SL_INTERNAL", message: String(error), details: undefined } };
    }
    port.postMessage(reply);
  });
}
