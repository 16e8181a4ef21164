import { jsonPath } from "./column-reader.js";
import type { TypedColumn } from "./typed-columns.js";

/**
 * The SQL definitions of typed feature columns, in table order: `n<i> DOUBLE` and/or `t<i> VARCHAR`.
 *
 * @example
 * columnDefinitions([{ name: "delay", numeric: true, text: false }]); // ["n0 DOUBLE"]
 */
export function columnDefinitions(columns: readonly TypedColumn[]): string[] {
  return columns.flatMap((c, i) => [
    ...(c.numeric ? [`n${i} DOUBLE`] : []),
    ...(c.text ? [`t${i} VARCHAR`] : []),
  ]);
}

/**
 * The names of typed feature columns, each after a comma, for an INSERT's column list.
 *
 * @example
 * columnNames([{ name: "delay", numeric: true, text: true }]); // ", n0, t0"
 */
export function columnNames(columns: readonly TypedColumn[]): string {
  return columnDefinitions(columns)
    .map((d) => `, ${d.split(" ")[0]}`)
    .join("");
}

/**
 * The typed values of a relation with a `features` JSON column: one parse per row for every feature, then
 * the same TRY_CAST the JSON readers use, so typed and JSON answers agree.
 *
 * @example
 * typedValues(columns).from("predictions"); // (SELECT *, json_extract_string(features, [...]) AS fv FROM predictions)
 */
export function typedValues(columns: readonly TypedColumn[]): {
  select: string;
  from: (rows: string) => string;
} {
  if (columns.length === 0) return { select: "", from: (rows) => rows };
  const select = columns
    .flatMap((c, i) => [
      ...(c.numeric ? [`TRY_CAST(fv[${i + 1}] AS DOUBLE)`] : []),
      ...(c.text ? [`fv[${i + 1}]`] : []),
    ])
    .map((e) => `, ${e}`)
    .join("");
  const paths = columns.map((c) => jsonPath(c.name)).join(", ");
  return {
    select,
    from: (rows) => `(SELECT *, json_extract_string(features, [${paths}]) AS fv FROM ${rows})`,
  };
}
