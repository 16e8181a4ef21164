import type { FastifyError } from "fastify";
import { SightlineError, StoreQueryError } from "../errors.js";

/** The JSON body every API error has. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

// Fastify's own client errors (body too large, bad media type, malformed JSON) keep their status but get
// our error shape and a stable SL_ code, so clients handle one format.
const fastifyCodes: Record<string, SightlineError["code"]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "SL_BODY_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "SL_UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "SL_MALFORMED_BODY",
  FST_ERR_CTP_EMPTY_JSON_BODY: "SL_MALFORMED_BODY",
};

// Fastify says only "Unsupported Media Type": name what is accepted instead.
const fastifyMessages: Partial<Record<string, string>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE:
    "unsupported Content-Type: send records as application/json or application/x-ndjson, references as text/csv, application/vnd.apache.parquet or application/x-ndjson",
};

// zlib's errors on a body sent with Content-Encoding: gzip that is not gzip data (or is cut short).
const zlibCodes = new Set(["Z_DATA_ERROR", "Z_BUF_ERROR", "Z_STREAM_ERROR", "Z_NEED_DICT"]);

// Codes whose messages carry engine text (SQL, DuckDB's own words, file paths): the client gets a generic
// message naming the code, the server log keeps the whole error.
const internalCodes = new Set<string>(["SL_STORE_ERROR", "SL_INTERNAL"]);

/**
 * What the server log keeps of a failed request: the error with its cause, and for a store failure the
 * statement that failed (never sent to the client).
 *
 * @example
 * request.log.error(errorLogFields(error), "request failed");
 */
export function errorLogFields(error: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> = { err: error };
  if (error instanceof StoreQueryError) fields.query = error.query;
  if (error instanceof Error && error.cause !== undefined) fields.cause = error.cause;
  return fields;
}

/**
 * Maps any thrown value to a status and an error body. 5xx answers never carry internals: a store error's
 * SQL or engine message stays in the server log (see `errorLogFields`).
 *
 * @example
 * toErrorReply(new StoreQueryError("SELECT 1", new Error("IO Error"))).body;
 * // { error: { code: "SL_STORE_ERROR", message: "internal store error, see server log (SL_STORE_ERROR)" } }
 */
export function toErrorReply(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof SightlineError && error.status >= 500 && internalCodes.has(error.code)) {
    const what = error.code === "SL_STORE_ERROR" ? "internal store error" : "internal error";
    return {
      status: error.status,
      body: { error: { code: error.code, message: `${what}, see server log (${error.code})` } },
    };
  }
  if (error instanceof SightlineError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined && error.status < 500) body.error.details = error.details;
    return { status: error.status, body };
  }
  const fe = error as Partial<FastifyError>;
  if (fe.code && zlibCodes.has(fe.code)) {
    return {
      status: 400,
      body: {
        error: {
          code: "SL_MALFORMED_BODY",
          message: "body sent with Content-Encoding: gzip is not valid gzip data",
        },
      },
    };
  }
  const mapped = fe.code ? fastifyCodes[fe.code] : undefined;
  if (mapped) {
    const sl = new SightlineError(mapped, fe.message ?? mapped);
    const message = (fe.code ? fastifyMessages[fe.code] : undefined) ?? sl.message;
    return { status: fe.statusCode ?? sl.status, body: { error: { code: mapped, message } } };
  }
  if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      body: { error: { code: "SL_MALFORMED_BODY", message: fe.message ?? "bad request" } },
    };
  }
  return {
    status: 500,
    body: { error: { code: "SL_INTERNAL", message: "internal error, see server log (SL_INTERNAL)" } },
  };
}
