/** One record the server refused, by its index in the batch. */
export interface Rejection {
  index: number;
  field: string;
  reason: string;
}

/** What to do with a batch after one request. */
export type SendOutcome =
  | { kind: "ok"; rejected: Rejection[] }
  | { kind: "too_large"; status: number }
  | { kind: "rejected"; status: number; message: string; rejected: Rejection[] }
  | { kind: "retry"; status: number | undefined; message: string; retryAfterMs: number | undefined };

/**
 * Maps a response to an outcome: 2xx delivered (minus per-record rejections), 413 split, 408/429/5xx
 * retry, any other 4xx (or an unexpected 1xx/3xx) drop without retry.
 */
export function classifyResponse(
  status: number,
  body: string,
  retryAfterMs: number | undefined,
): SendOutcome {
  const parsed = parseBody(body);
  if (status >= 200 && status < 300) return { kind: "ok", rejected: parsed.rejected };
  if (status === 413) return { kind: "too_large", status };
  const message = parsed.message ?? `HTTP ${status}`;
  if (status === 408 || status === 429 || status >= 500) {
    return { kind: "retry", status, message, retryAfterMs };
  }
  return { kind: "rejected", status, message, rejected: parsed.rejected };
}

function parseBody(body: string): { rejected: Rejection[]; message: string | undefined } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { rejected: [], message: body === "" ? undefined : body.slice(0, 200) };
  }
  if (typeof json !== "object" || json === null) return { rejected: [], message: undefined };
  const o = json as Record<string, unknown>;
  const rejected: Rejection[] = [];
  if (Array.isArray(o.rejected)) {
    for (const r of o.rejected) {
      if (typeof r !== "object" || r === null) continue;
      const e = r as Record<string, unknown>;
      if (typeof e.index !== "number") continue;
      rejected.push({ index: e.index, field: String(e.field ?? ""), reason: String(e.reason ?? "") });
    }
  }
  const error = o.error;
  const message =
    typeof error === "object" &&
    error !== null &&
    typeof (error as Record<string, unknown>).message === "string"
      ? ((error as Record<string, unknown>).message as string)
      : typeof error === "string"
        ? error
        : undefined;
  return { rejected, message };
}
