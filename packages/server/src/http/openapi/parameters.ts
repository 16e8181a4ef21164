import type { Parameter, Schema } from "./operation.js";

/**
 * A required path parameter.
 *
 * @example
 * pathParam("model", "Model name")
 */
export function pathParam(name: string, description: string): Parameter {
  return { name, in: "path", required: true, description, schema: { type: "string" } };
}

/**
 * An optional query parameter (string unless a schema is given).
 *
 * @example
 * queryParam("limit", "Most items returned", { type: "integer", minimum: 1 })
 */
export function queryParam(
  name: string,
  description: string,
  schema: Schema = { type: "string" },
): Parameter {
  return { name, in: "query", required: false, description, schema };
}

/** `{model}`: a model name, `[A-Za-z0-9][A-Za-z0-9._-]{0,127}`. */
export const modelParam = pathParam("model", "Model name: `[A-Za-z0-9][A-Za-z0-9._-]{0,127}`");
/** `{version}`: a version name. */
export const versionParam = pathParam("version", "Version name");

const time = { oneOf: [{ type: "string" }, { type: "integer" }] } satisfies Schema;

/** `from` and `to`: a half-open event-time range, ISO-8601 or epoch milliseconds. */
export const rangeParams: Parameter[] = [
  queryParam("from", "Start of the range (inclusive), ISO-8601 or epoch ms", time),
  queryParam("to", "End of the range (exclusive), ISO-8601 or epoch ms", time),
];

/** `from`, `to`, `window`, `cumulative`, `version`, `segment`: the window queries of drift, quality and outputs. */
export const windowParams: Parameter[] = [
  ...rangeParams,
  queryParam("window", "Fixed window size aligned to the epoch: `15m`, `1h`, `1d`, `1w`; default `1d`"),
  queryParam("cumulative", "`true`: one window `[from, to)`", { type: "string", enum: ["true", "false"] }),
  queryParam("version", "Version compared; default the one with the most predictions in the range"),
  queryParam("segment", "`tag:value`: only predictions whose tag equals the value"),
];

/** `limit`: most items returned. */
export function limitParam(defaultValue: number, maximum?: number): Parameter {
  const schema: Schema = { type: "integer", minimum: 1, default: defaultValue };
  if (maximum !== undefined) schema.maximum = maximum;
  return queryParam("limit", "Most items returned", schema);
}
