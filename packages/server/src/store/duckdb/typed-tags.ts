import type { Segment } from "../../engine/check.js";
import { jsonPath } from "./column-reader.js";
import type { TypedTable } from "./typed-columns.js";

/**
 * A model's typed prediction table: its feature columns, and one VARCHAR column per segment tag key seen
 * (`g<i>` for `tags[i]`). `tagsComplete` is false once a key was left out for the cap, and readers then go
 * back to the JSON for a key they do not find.
 */
export interface TypedPredictionTable extends TypedTable {
  tags: readonly string[];
  tagsComplete: boolean;
}

/**
 * Most tag keys kept as columns per model. A tag key is a segment name (region, carrier), not a value, so a
 * model has a handful; the cap keeps a client that puts ids in keys from widening the table without end.
 */
export const maxTagColumns = 64;

/**
 * The values of the tag columns `g<i>` from a relation with a `tags` JSON column, in one parse per row: the
 * text json_extract_string gives, as the JSON segment filter reads it.
 *
 * @example
 * tagValues(["origin"]); // { names: ", g0", select: ", tv[1]", from: (rows) => `(SELECT *, ... AS tv FROM ${rows})` }
 */
export function tagValues(tags: readonly string[]): {
  names: string;
  select: string;
  from: (rows: string) => string;
} {
  if (tags.length === 0) return { names: "", select: "", from: (rows) => rows };
  return {
    names: tags.map((_, i) => `, g${i}`).join(""),
    select: tags.map((_, i) => `, tv[${i + 1}]`).join(""),
    from: (rows) =>
      `(SELECT *, json_extract_string(tags, [${tags.map(jsonPath).join(", ")}]) AS tv FROM ${rows})`,
  };
}

/**
 * The SQL condition on a typed prediction table (alias `t`) keeping a segment's rows, with its parameters:
 * the tag's column compared to the value, FALSE for a key no row has, or null when the key may have been
 * left out for the cap (read the JSON then).
 *
 * @example
 * segmentCondition({ table: "t", columns: [], tags: ["origin"], tagsComplete: true }, { tag: "origin", value: "ORD" });
 * // { sql: "t.g0 = ?", params: ["ORD"] }
 */
export function segmentCondition(
  table: TypedPredictionTable,
  segment: Segment,
): { sql: string; params: unknown[] } | null {
  const i = table.tags.indexOf(segment.tag);
  if (i >= 0) return { sql: `t.g${i} = ?`, params: [segment.value] };
  return table.tagsComplete ? { sql: "FALSE", params: [] } : null;
}
