import { describe, expect, it } from "vitest";
import { backoffDelayMs, MAX_BACKOFF_MS, parseRetryAfterMs } from "./backoff.js";

describe("backoffDelayMs", () => {
  it("draws from [0, base * 2^attempt), capped", () => {
    expect(backoffDelayMs(0, 200, 0)).toBe(0);
    expect(backoffDelayMs(0, 200, 0.5)).toBe(100);
    expect(backoffDelayMs(3, 200, 0.999999)).toBe(1599);
    expect(backoffDelayMs(30, 200, 0.999999)).toBeLessThan(MAX_BACKOFF_MS);
  });

  it("waits at least Retry-After, but never past the cap", () => {
    expect(backoffDelayMs(0, 200, 0.5, 2000)).toBe(2000);
    expect(backoffDelayMs(0, 200, 0.5, 10 * MAX_BACKOFF_MS)).toBe(MAX_BACKOFF_MS);
  });
});

describe("parseRetryAfterMs", () => {
  it("reads delta-seconds and HTTP dates", () => {
    const now = Date.UTC(2024, 0, 1, 0, 0, 0);
    expect(parseRetryAfterMs("3", now)).toBe(3000);
    expect(parseRetryAfterMs("Mon, 01 Jan 2024 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs("-1", now)).toBeUndefined();
  });
});
