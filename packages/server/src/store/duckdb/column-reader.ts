import type { ColumnSource } from "../window-store.js";
import { quoteLiteral } from "./duckdb-database.js";

/** A column as the window queries name it: a feature, the prediction or the label. */
export type Column = { name: string; source: ColumnSource };

/**
 * How a window query reads column values out of its `base` rows (which carry the window `w`): `from` is the
 * relation to select from, `number` and `text` give a column's DOUBLE value and its VARCHAR text there.
 * `costly` says that `from` does real work per row (JSON parsing), so a query reading it twice should
 * materialise it once.
 */
export interface ColumnReader {
  from: string;
  costly: boolean;
  number(column: Column): string;
  text(column: Column): string;
}

/**
 * The JSON path of a feature, quoted as a SQL literal.
 *
 * @example
 * jsonPath('a"b'); // `'$."a\"b"'`
 */
export function jsonPath(name: string): string {
  return quoteLiteral(`$."${name.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`);
}

/**
 * Reads columns from the JSON text of `base`: every wanted feature pulled out of the features JSON in one
 * parse (`fv`); prediction and label are JSON scalars. Numbers are `TRY_CAST`s of the text, so a string
 * "12" counts as 12 and a non-numeric value as missing.
 *
 * @example
 * const reader = jsonColumnReader([{ name: "x", source: "feature" }]);
 * `SELECT ${reader.number({ name: "x", source: "feature" })} FROM ${reader.from}`;
 */
export function jsonColumnReader(columns: readonly Column[]): ColumnReader {
  const names = [...new Set(columns.filter((c) => c.source === "feature").map((c) => c.name))];
  const from =
    names.length === 0
      ? "base"
      : `(SELECT *, json_extract_string(features, [${names.map(jsonPath).join(", ")}]) AS fv FROM base)`;
  const text = (column: Column) =>
    column.source === "feature"
      ? `fv[${names.indexOf(column.name) + 1}]`
      : `json_extract_string(${column.source}, '$')`;
  return { from, costly: names.length > 0, number: (c) => `TRY_CAST(${text(c)} AS DOUBLE)`, text };
}

/**
 * A column's category text: numbers compared as categories go through their DOUBLE text, so 1 in a
 * prediction and 1.0 in the reference match.
 *
 * @example
 * categoryOf(reader, { name: "weekday", source: "feature" }, true); // "CAST(TRY_CAST(... AS DOUBLE) AS VARCHAR)"
 */
export function categoryOf(reader: ColumnReader, column: Column, numeric: boolean): string {
  return numeric ? `CAST(${reader.number(column)} AS VARCHAR)` : reader.text(column);
}
