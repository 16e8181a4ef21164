import { SightlineError } from "../errors.js";
import { checkVersionName } from "../names.js";
import type { ModelUpdate, VersionRegistration } from "../store/registry-store.js";
import { checkAliasName } from "./alias-name.js";

type Json = Record<string, unknown>;

const invalid = (field: string, reason: string) =>
  new SightlineError("SL_INVALID_BODY", `${field} ${reason}`, { field });

/**
 * Parses a raw JSON request body into an object; SL_MALFORMED_BODY when it is not JSON or not an object.
 *
 * @example
 * parseJsonObject('{"version": "v2"}'); // { version: "v2" }
 */
export function parseJsonObject(body: unknown): Json {
  let value: unknown = body;
  if (typeof body === "string" || body instanceof Buffer) {
    const text = body.toString();
    try {
      value = text.trim() === "" ? {} : JSON.parse(text);
    } catch (error) {
      throw new SightlineError("SL_MALFORMED_BODY", `body is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new SightlineError("SL_MALFORMED_BODY", "body must be a JSON object");
  }
  return value as Json;
}

function rejectUnknown(body: Json, known: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!known.includes(key)) throw invalid(key, `is not a known field; expected one of ${known.join(", ")}`);
  }
}

function optionalText(body: Json, field: string, max = 4096): string | null | undefined {
  const value = body[field];
  if (value === undefined || value === null) return value;
  if (typeof value !== "string" || value.length > max) {
    throw invalid(field, `must be a string of at most ${max} characters`);
  }
  return value;
}

function stringMap(body: Json, field: string): Record<string, string> | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(field, "must be an object of string values");
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "string") throw invalid(`${field}.${key}`, "must be a string");
  }
  return value as Record<string, string>;
}

function numberMap(body: Json, field: string): Record<string, number> | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(field, "must be an object of finite numbers");
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "number" || !Number.isFinite(v))
      throw invalid(`${field}.${key}`, "must be a finite number");
  }
  return value as Record<string, number>;
}

/**
 * Validates the body of `POST /api/v1/models/{model}/versions`. The artifact defaults to the lineage
 * convention `models:/<model>/<version>`.
 *
 * @example
 * parseRegistration("m", { version: "v2", run_id: "run-1", metrics: { auc: 0.91 } });
 */
export function parseRegistration(model: string, body: Json): VersionRegistration {
  rejectUnknown(body, ["version", "artifact_uri", "run_id", "metrics", "tags", "description"]);
  if (typeof body.version !== "string") throw invalid("version", "is required and must be a string");
  const version = checkVersionName(body.version);
  return {
    model,
    version,
    artifact_uri: optionalText(body, "artifact_uri") ?? `models:/${model}/${version}`,
    run_id: optionalText(body, "run_id", 256) ?? null,
    metrics: numberMap(body, "metrics") ?? {},
    tags: stringMap(body, "tags") ?? {},
    description: optionalText(body, "description") ?? null,
  };
}

/**
 * Validates the body of `PUT /api/v1/models/{model}`: description, owner, tags, serving_alias.
 *
 * @example
 * parseModelUpdate("m", { owner: "team-a", serving_alias: "production" });
 */
export function parseModelUpdate(model: string, body: Json): ModelUpdate {
  rejectUnknown(body, ["description", "owner", "tags", "serving_alias"]);
  const update: ModelUpdate = { model };
  const description = optionalText(body, "description");
  if (description !== undefined) update.description = description;
  const owner = optionalText(body, "owner", 256);
  if (owner !== undefined) update.owner = owner;
  const tags = stringMap(body, "tags");
  if (tags !== undefined) update.tags = tags;
  if (body.serving_alias !== undefined) {
    if (typeof body.serving_alias !== "string") throw invalid("serving_alias", "must be a string");
    update.serving_alias = checkAliasName(body.serving_alias, "serving_alias");
  }
  return update;
}

/**
 * Validates the body of a promote: `{ "version": "v2" }`.
 *
 * @example
 * parsePromotion({ version: "v2" }); // "v2"
 */
export function parsePromotion(body: Json): string {
  rejectUnknown(body, ["version"]);
  if (typeof body.version !== "string") throw invalid("version", "is required and must be a string");
  return checkVersionName(body.version);
}
