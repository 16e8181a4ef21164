import { describe, expect, it } from "vitest";
import { SightlineError, StoreQueryError } from "../errors.js";
import { errorLogFields, toErrorReply } from "./error-reply.js";

describe("toErrorReply", () => {
  const cause = new Error(
    "Catalog Error: Table with name predictionz does not exist! LINE 1: SELECT * FROM predictionz",
  );
  const storeError = new StoreQueryError("SELECT * FROM predictionz WHERE model = ?", cause);

  it("answers a store failure with a generic 500 that names the code but no SQL or DuckDB text", () => {
    const { status, body } = toErrorReply(storeError);
    expect(status).toBe(500);
    expect(body).toEqual({
      error: { code: "SL_STORE_ERROR", message: "internal store error, see server log (SL_STORE_ERROR)" },
    });
    expect(JSON.stringify(body)).not.toMatch(/predictionz|Catalog|SELECT/);
  });

  it("keeps the statement and the cause for the server log", () => {
    const fields = errorLogFields(storeError);
    expect(fields.err).toBe(storeError);
    expect(fields.query).toBe("SELECT * FROM predictionz WHERE model = ?");
    expect(fields.cause).toBe(cause);
  });

  it("hides the message of an SL_INTERNAL error and of any unknown error", () => {
    expect(toErrorReply(new SightlineError("SL_INTERNAL", "secret detail")).body.error.message).toBe(
      "internal error, see server log (SL_INTERNAL)",
    );
    const unknown = toErrorReply(new TypeError("cannot read x of undefined at /srv/app.js"));
    expect(unknown.status).toBe(500);
    expect(unknown.body.error.message).not.toContain("/srv/app.js");
  });

  it("keeps the message and details of a client error", () => {
    const error = new SightlineError("SL_INVALID_MODEL_NAME", "model name 'a/b' is invalid", {
      field: "model",
    });
    expect(toErrorReply(error)).toEqual({
      status: 400,
      body: {
        error: {
          code: "SL_INVALID_MODEL_NAME",
          message: "model name 'a/b' is invalid",
          details: { field: "model" },
        },
      },
    });
  });

  it("answers a body that is not gzip data with a 400", () => {
    const zlibError = Object.assign(new Error("incorrect header check"), { code: "Z_DATA_ERROR", errno: -3 });
    const { status, body } = toErrorReply(zlibError);
    expect(status).toBe(400);
    expect(body.error.code).toBe("SL_MALFORMED_BODY");
    expect(body.error.message).toContain("gzip");
  });
});
