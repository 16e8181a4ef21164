import type { Contract } from "../../contract/contract.js";
import type { Column, ColumnReader } from "./column-reader.js";

/** A feature kept in typed form: as DOUBLE (`n<i>`), as text (`t<i>`), or both, `i` its position. */
export interface TypedColumn {
  name: string;
  numeric: boolean;
  text: boolean;
}

/** A model's typed feature table, its columns in table order. */
export interface TypedTable {
  table: string;
  columns: readonly TypedColumn[];
}

/**
 * The typed columns of a model from its contracts: every feature of every version, as DOUBLE when some
 * version has it numeric and as text when some version has it categorical or boolean, sorted by name.
 *
 * @example
 * typedColumns([contract]); // [{ name: "delay", numeric: true, text: false }, { name: "origin", numeric: false, text: true }]
 */
export function typedColumns(contracts: readonly Contract[]): TypedColumn[] {
  const byName = new Map<string, TypedColumn>();
  for (const contract of contracts) {
    for (const feature of contract.features) {
      const column = byName.get(feature.name) ?? { name: feature.name, numeric: false, text: false };
      if (feature.type === "numeric") column.numeric = true;
      else column.text = true;
      byName.set(feature.name, column);
    }
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** What a query needs of a column: its number, or its text too (non-numeric categories). */
export type ColumnNeed = { column: Column; text: boolean };

/**
 * A reader over a typed table's rows (`prediction` and, `withLabels`, `label` hold their text), or null when
 * the table lacks a needed column (a prediction's label lives in its own table; a feature no contract
 * lists): the caller then
 * reads the JSON. Numbers read from text columns go through the same TRY_CAST as from JSON, so both
 * readers give the same values.
 *
 * @example
 * typedReader(table, [{ column: { name: "delay", source: "feature" }, text: false }])?.number(...); // "n0"
 */
export function typedReader(
  table: TypedTable,
  needs: readonly ColumnNeed[],
  withLabels = false,
): ColumnReader | null {
  const position = new Map(table.columns.map((c, i) => [c.name, i]));
  for (const { column, text } of needs) {
    if (column.source === "label" && !withLabels) return null;
    if (column.source !== "feature") continue;
    const i = position.get(column.name);
    const typed = i === undefined ? undefined : table.columns[i];
    if (!typed || (text && !typed.text)) return null;
  }
  const textOf = (column: Column) =>
    column.source === "feature" ? `t${position.get(column.name)}` : column.source;
  return {
    from: "base",
    costly: false,
    number: (column) => {
      const i = position.get(column.name);
      return column.source === "feature" && i !== undefined && table.columns[i]?.numeric
        ? `n${i}`
        : `TRY_CAST(${textOf(column)} AS DOUBLE)`;
    },
    text: textOf,
  };
}
