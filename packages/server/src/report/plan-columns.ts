import { SightlineError } from "../errors.js";
import { type ColumnKind, columnKindOf } from "./column-kind.js";
import type { SkippedColumn } from "./drift-report.js";
import type { SourceColumn } from "./drift-source.js";

/** A column to compare and its kind (the same in both inputs). */
export interface PlannedColumn {
  name: string;
  kind: ColumnKind;
}

/**
 * Which columns to compare. With `requested` (from `--columns`), exactly those, each of which must
 * exist in both inputs with a comparable type; without it, every column of the reference that the
 * current file has too, in reference order, others listed as skipped. A column present in both
 * files with different kinds (numeric in one, text in the other), or empty (all null) in either, is
 * an error either way.
 *
 * @example
 * planColumns([{ name: "a", type: "DOUBLE", nonNull: 9 }], [{ name: "a", type: "BIGINT", nonNull: 5 }]);
 * // { compared: [{ name: "a", kind: "numeric" }], skipped: [] }
 */
export function planColumns(
  reference: readonly SourceColumn[],
  current: readonly SourceColumn[],
  requested?: readonly string[],
): { compared: PlannedColumn[]; skipped: SkippedColumn[] } {
  const currentByName = new Map(current.map((c) => [c.name, c]));
  const referenceByName = new Map(reference.map((c) => [c.name, c]));
  const compared: PlannedColumn[] = [];
  const skipped: SkippedColumn[] = [];
  if (requested !== undefined) {
    for (const name of requested) {
      for (const [role, byName, all] of [
        ["reference", referenceByName, reference],
        ["current", currentByName, current],
      ] as const) {
        if (!byName.has(name)) {
          throw new SightlineError(
            "SL_INVALID_QUERY",
            `unknown column '${name}' in --columns: the ${role} file has ${all.map((c) => c.name).join(", ")}`,
          );
        }
      }
      const kind = matchingKind(
        referenceByName.get(name) as SourceColumn,
        currentByName.get(name) as SourceColumn,
      );
      if (kind === null) {
        const type = (referenceByName.get(name) as SourceColumn).type;
        throw new SightlineError(
          "SL_INVALID_QUERY",
          `column '${name}' has type ${type}, which is not compared (numeric, text and boolean columns are)`,
        );
      }
      compared.push({ name, kind });
    }
  } else {
    for (const ref of reference) {
      const cur = currentByName.get(ref.name);
      if (cur === undefined) {
        skipped.push({ column: ref.name, reason: "only in the reference file" });
        continue;
      }
      const kind = matchingKind(ref, cur);
      if (kind === null) skipped.push({ column: ref.name, reason: `type ${ref.type} is not compared` });
      else compared.push({ name: ref.name, kind });
    }
    for (const cur of current) {
      if (!referenceByName.has(cur.name))
        skipped.push({ column: cur.name, reason: "only in the current file" });
    }
  }
  if (compared.length === 0) {
    throw new SightlineError(
      "SL_INVALID_QUERY",
      "no column to compare: the two files share no numeric, text or boolean column",
    );
  }
  return { compared, skipped };
}

function matchingKind(reference: SourceColumn, current: SourceColumn): ColumnKind | null {
  // An all-null column has no type to speak of (CSV sniffing calls it VARCHAR): say it is empty.
  for (const [role, column] of [
    ["reference", reference],
    ["current", current],
  ] as const) {
    if (column.nonNull === 0) {
      throw new SightlineError(
        "SL_INVALID_REFERENCE",
        `column '${column.name}' is empty in the ${role} file: no values (all null)`,
      );
    }
  }
  const a = columnKindOf(reference.type);
  const b = columnKindOf(current.type);
  if (a !== b) {
    throw new SightlineError(
      "SL_INVALID_REFERENCE",
      `column '${reference.name}' has mismatched types: ${a ?? "not compared"} (${reference.type}) in the reference, ${b ?? "not compared"} (${current.type}) in the current file`,
    );
  }
  return a;
}
