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
    return { status: fe.statusCode ?? sl.status, body: { error: { code: mapped, message: sl.message } } };
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
