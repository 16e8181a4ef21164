/** The role a route needs when API keys are configured (`config.role` of the Fastify route). */
export type Role = "read" | "ingest" | "admin";

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses) or a `$ref`. */
export type Schema = { [keyword: string]: unknown };

/** An OpenAPI path or query parameter. */
export interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description: string;
  schema: Schema;
}

/** An OpenAPI request body. */
export interface RequestBody {
  required: boolean;
  description?: string;
  content: Record<string, { schema: Schema }>;
}

/** An OpenAPI response, or a `$ref` to a shared one. */
export type Response =
  | { description: string; content?: Record<string, { schema: Schema }> }
  | { $ref: string };

/** The fields of an operation written per route. */
export interface OperationFields {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: RequestBody;
  responses: Record<string, Response>;
}

/** An OpenAPI operation carrying the role it needs as `x-sightline-role` (none: open to all). */
export interface Operation extends OperationFields {
  security: Record<string, string[]>[];
  "x-sightline-role"?: Role;
}

/** Paths of one area of the API, in OpenAPI form (`/api/v1/models/{model}`). */
export type Paths = Record<string, Partial<Record<"get" | "put" | "post" | "delete", Operation>>>;

/**
 * An operation needing `role` (a Bearer key with that role when keys are configured), or open to all (`null`).
 *
 * @example
 * operation("read", { operationId: "listModels", summary: "Every model", tags: ["Models"], responses: {} })
 */
export function operation(role: Role | null, fields: OperationFields): Operation {
  if (role === null) return { ...fields, security: [] };
  const needs = `Role \`${role}\` when API keys are configured.`;
  return {
    ...fields,
    description: fields.description ? `${fields.description}\n\n${needs}` : needs,
    security: [{ bearerAuth: [] }],
    "x-sightline-role": role,
  };
}
