import { describe, expect, it } from "vitest";
import { classifyResponse } from "./classify-response.js";

describe("classifyResponse", () => {
  it("maps statuses to deliver, split, retry or drop", () => {
    expect(classifyResponse(200, '{"accepted":2,"ids":[],"rejected":[]}', undefined)).toEqual({
      kind: "ok",
      rejected: [],
    });
    expect(classifyResponse(204, "", undefined).kind).toBe("ok");
    expect(classifyResponse(413, "", undefined).kind).toBe("too_large");
    for (const s of [408, 429, 500, 502, 503, 504]) expect(classifyResponse(s, "", 100).kind).toBe("retry");
    for (const s of [400, 401, 403, 404, 422])
      expect(classifyResponse(s, "", undefined).kind).toBe("rejected");
  });

  it("reads per-record rejections and the error message of the server's error body", () => {
    const body = JSON.stringify({
      error: { code: "SL_INVALID", message: "2 invalid records", details: {} },
      rejected: [{ index: 4, field: "trace_id", reason: "not 32 hex" }, "junk", { index: "x" }],
    });
    expect(classifyResponse(400, body, undefined)).toEqual({
      kind: "rejected",
      status: 400,
      message: "2 invalid records",
      rejected: [{ index: 4, field: "trace_id", reason: "not 32 hex" }],
    });
    expect(classifyResponse(503, "<html>down</html>", 1000)).toEqual({
      kind: "retry",
      status: 503,
      message: "<html>down</html>",
      retryAfterMs: 1000,
    });
  });
});
