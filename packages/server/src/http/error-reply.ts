import type { FastifyError } from "fastify";
import { SightlineError } from "../errors.js";

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

/** Maps any thrown value to a status and an error body; unknown errors become a 500 without internals. */
export function toErrorReply(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof SightlineError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined && error.status < 500) body.error.details = error.details;
    return { status: error.status, body };
  }
  const fe = error as Partial<FastifyError>;
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
    body: { error: { code: "SL_INTERNAL", message: "internal error; see the server log" } },
  };
}
