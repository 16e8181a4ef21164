import type { TSchema } from "@sinclair/typebox";
import type { TypeCheck } from "@sinclair/typebox/compiler";
import { ValueErrorType } from "@sinclair/typebox/errors";

/** Why one record of a batch was rejected: its index in the batch, the field, and the reason. */
export interface Rejection {
  index: number;
  field: string;
  reason: string;
}

/** Turns the first schema error of a value into a field path ("features.age") and a readable reason. */
export function firstSchemaError<T extends TSchema>(
  check: TypeCheck<T>,
  value: unknown,
): Omit<Rejection, "index"> {
  const error = check.Errors(value).First();
  if (!error) return { field: "$", reason: "invalid record" };
  const field = error.path === "" ? "$" : error.path.slice(1).split("/").join(".");
  if (error.type === ValueErrorType.ObjectAdditionalProperties) {
    return { field, reason: "unknown field (allowed: see the API reference)" };
  }
  if (error.type === ValueErrorType.Object && field === "$") {
    return { field, reason: "record must be a JSON object" };
  }
  if (error.type === ValueErrorType.Union && field.startsWith("features.")) {
    return {
      field,
      reason: "must be a number, string, boolean or null (nested objects and arrays are not allowed)",
    };
  }
  if (error.type === ValueErrorType.Union && field === "prediction") {
    return { field, reason: "must be a number, string or boolean" };
  }
  if (error.type === ValueErrorType.Union && field === "timestamp") {
    return { field, reason: "must be an ISO-8601 string or epoch milliseconds" };
  }
  if (error.type === ValueErrorType.StringPattern && field === "trace_id") {
    return { field, reason: "must be a W3C trace id: 32 hex characters" };
  }
  if (error.type === ValueErrorType.StringPattern && field === "run_id") {
    return { field, reason: "must be printable ASCII (space to ~)" };
  }
  if (error.type === ValueErrorType.StringPattern && field === "version") {
    return {
      field,
      reason: "must be 1-128 characters from A-Z a-z 0-9 . _ - starting with a letter or digit",
    };
  }
  if (error.type === ValueErrorType.ObjectRequiredProperty) {
    return { field, reason: "is required" };
  }
  return { field, reason: error.message.charAt(0).toLowerCase() + error.message.slice(1) };
}
