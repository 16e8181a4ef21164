import { parseRetryAfterMs } from "./backoff.js";
import { classifyResponse, type SendOutcome } from "./classify-response.js";

/** Where and how to send. */
export interface PostTarget {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
}

/** POSTs NDJSON lines once; never rejects: network errors and timeouts become a `retry` outcome. */
export async function postNdjson(target: PostTarget, lines: readonly string[]): Promise<SendOutcome> {
  try {
    const response = await target.fetch(target.url, {
      method: "POST",
      headers: target.headers,
      body: `${lines.join("\n")}\n`,
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
