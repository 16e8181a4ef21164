/** Stable codes of the errors the SDK reports through `onError` (and throws from the constructor). */
export type SightlineErrorCode =
  | "SL_SDK_INVALID_OPTION"
  | "SL_SDK_REJECTED"
  | "SL_SDK_HTTP"
  | "SL_SDK_NETWORK"
  | "SL_SDK_RETRIES_EXHAUSTED"
  | "SL_SDK_HOOK";

/** Extra facts about a failed request or rejected records. */
export interface SightlineErrorDetails {
  /** Model the records belong to. */
  model?: string;
  /** `predictions` or `labels`. */
  kind?: string;
  /** HTTP status of the last response, when there was one. */
  status?: number;
  /** Number of records affected. */
  count?: number;
  /** The first few per-record rejections the server returned. */
  rejected?: readonly { index: number; field: string; reason: string }[];
}

/**
 * An error with a stable `code`, passed to `onError`; never thrown into the serving path.
 *
 * @example
 * new Sightline({ url, onError: (e) => { if (e instanceof SightlineError) log.warn(e.code, e.message); } });
 */
export class SightlineError extends Error {
  readonly code: SightlineErrorCode;
  readonly details: SightlineErrorDetails;

  constructor(
    code: SightlineErrorCode,
    message: string,
    details: SightlineErrorDetails = {},
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "SightlineError";
    this.code = code;
    this.details = details;
  }
}
