/** Upper bound of any one wait between retries. */
export const MAX_BACKOFF_MS = 30_000;

/**
 * Delay before retry number `attempt` (0-based): exponential backoff with full jitter, as in the AWS
 * Architecture Blog "Exponential Backoff And Jitter": uniform in [0, min(cap, base * 2^attempt)).
 * A server's Retry-After is honoured as a lower bound, still capped.
 */
export function backoffDelayMs(
  attempt: number,
  baseMs: number,
  random: number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt);
  const jittered = Math.floor(random * ceiling);
  if (retryAfterMs === undefined) return jittered;
  return Math.min(MAX_BACKOFF_MS, Math.max(jittered, retryAfterMs));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date relative to `nowMs`; undefined if absent or bad. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
