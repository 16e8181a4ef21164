/**
 * Every error Sightline reports, with a stable code and its HTTP status. The HTTP layer maps these to
 * `{ error: { code, message, details } }`; the CLI prints the message and exits non-zero.
 * docs/errors.md documents each code (checked by errors.test.ts).
 */
export const errorCodes = {
  SL_INVALID_MODEL_NAME: 400,
  SL_INVALID_VERSION_NAME: 400,
  SL_MALFORMED_BODY: 400,
  SL_INVALID_RECORDS: 400,
  SL_UNSUPPORTED_MEDIA_TYPE: 415,
  SL_BODY_TOO_LARGE: 413,
  SL_BATCH_TOO_LARGE: 413,
  SL_INVALID_REFERENCE: 400,
  SL_INVALID_QUERY: 400,
  SL_INVALID_LINEAGE: 400,
  SL_INVALID_MONITOR: 400,
  SL_INVALID_ALIAS: 400,
  SL_INVALID_BODY: 400,
  SL_CONFLICT: 409,
  SL_UNAUTHENTICATED: 401,
  SL_FORBIDDEN: 403,
  SL_NOT_FOUND: 404,
  SL_OVERLOADED: 429,
  SL_INVALID_CONFIG: 500,
  SL_STORE_ERROR: 500,
  SL_INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

/**
 * A Sightline error: a stable `code`, a human message, optional structured `details` and `cause`.
 *
 * @example
 * throw new SightlineError("SL_INVALID_MODEL_NAME", "model name 'a/b' must match [A-Za-z0-9._-]", { field: "model" });
 */
export class SightlineError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SightlineError";
    this.code = code;
    this.status = errorCodes[code];
    this.details = details;
  }
}

/** Wraps a storage failure with the query that caused it, so logs point at the statement. */
export class StoreQueryError extends SightlineError {
  readonly query: string;

  constructor(query: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super("SL_STORE_ERROR", `store query failed: ${reason}`, undefined, { cause });
    this.name = "StoreQueryError";
    this.query = query;
  }
}
