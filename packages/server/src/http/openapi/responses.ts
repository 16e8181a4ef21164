import type { RequestBody, Response, Schema } from "./operation.js";

type Responses = Record<string, Response>;

/**
 * A JSON response with a schema (a `$ref` to a component or an inline schema).
 *
 * @example
 * jsonResponse("The model", { $ref: "#/components/schemas/Model" })
 */
export function jsonResponse(description: string, schema: Schema = { type: "object" }): Response {
  return { description, content: { "application/json": { schema } } };
}

/**
 * A JSON request body.
 *
 * @example
 * jsonBody({ $ref: "#/components/schemas/Monitor" })
 */
export function jsonBody(schema: Schema, required = true): RequestBody {
  return { required, content: { "application/json": { schema } } };
}

const error = (description: string): Response => ({
  $ref: `#/components/responses/${description}`,
});

/**
 * The error answers every operation may give (400, 401, 403) plus the given extra ones (404, 409, 413, …),
 * each `{ error: { code, message, details } }` (codes in docs/errors.md).
 *
 * @example
 * errorResponses("NotFound")
 */
export function errorResponses(
  ...extra: ("NotFound" | "Conflict" | "TooLarge" | "UnsupportedMediaType")[]
): Responses {
  const all: Responses = {
    "400": error("BadRequest"),
    "401": error("Unauthenticated"),
    "403": error("Forbidden"),
  };
  const status = { NotFound: "404", Conflict: "409", TooLarge: "413", UnsupportedMediaType: "415" } as const;
  for (const name of extra) all[status[name]] = error(name);
  return all;
}

/** The shared error answers, referenced by `errorResponses`. */
export const errorResponseComponents: Record<string, Response> = {
  BadRequest: jsonResponse("Invalid input; `details.field` names it", { $ref: "#/components/schemas/Error" }),
  Unauthenticated: jsonResponse("Missing or unknown API key (only with keys configured)", {
    $ref: "#/components/schemas/Error",
  }),
  Forbidden: jsonResponse("The key's role does not grant this call", { $ref: "#/components/schemas/Error" }),
  NotFound: jsonResponse("Unknown model, version or item", { $ref: "#/components/schemas/Error" }),
  Conflict: jsonResponse("The item exists, or the change is not possible now", {
    $ref: "#/components/schemas/Error",
  }),
  TooLarge: jsonResponse("Body or batch above the configured limit", { $ref: "#/components/schemas/Error" }),
  UnsupportedMediaType: jsonResponse("Content-Type or Content-Encoding not accepted", {
    $ref: "#/components/schemas/Error",
  }),
};
