import { parseRetryAfterMs } from "./backoff.js";
import { classifyResponse, type SendOutcome } from "./classify-response.js";

/** Where and how to send. */
export interface PostTarget {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
}

/**
 * POSTs one body once; never rejects: network errors and timeouts become a `retry` outcome. Shared by the
 * prediction/label queues (NDJSON) and the lineage sender (JSON), which differ only in what they retry.
 *
 * @example
 * const outcome = await postBody({ url, headers, timeoutMs: 5000, fetch }, `${lines.join("\n")}\n`);
 */
export async function postBody(target: PostTarget, body: string): Promise<SendOutcome> {
  try {
    const response = await target.fetch(target.url, {
      method: "POST",
      headers: target.headers,
      body,
      signal: AbortSignal.timeout(target.timeoutMs),
    });
    const text = await response.text();
    return classifyResponse(
      response.status,
      text,
      parseRetryAfterMs(response.headers.get("retry-after"), Date.now()),
    );
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { kind: "retry", status: undefined, message, retryAfterMs: undefined };
  }
}
