import { existsSync, statSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { SightlineError } from "../errors.js";
import { quoteIdentifier, quoteLiteral } from "./sql-quote.js";

/** A column of a loaded input: its name and DuckDB type. */
export interface SourceColumn {
  name: string;
  type: string;
  /** Rows where the column is not null. */
  nonNull: number;
}

/** An input file loaded into a DuckDB table. */
export interface DriftSource {
  path: string;
  table: string;
  rows: number;
  columns: SourceColumn[];
}

const READERS: readonly [suffix: string, reader: (literal: string) => string][] = [
  [".parquet", (p) => `read_parquet(${p})`],
  [".csv", (p) => `read_csv(${p})`],
  [".csv.gz", (p) => `read_csv(${p})`],
  [".tsv", (p) => `read_csv(${p}, delim = '\t')`],
  [".ndjson", (p) => `read_json(${p}, format = 'newline_delimited')`],
  [".jsonl", (p) => `read_json(${p}, format = 'newline_delimited')`],
  [".ndjson.gz", (p) => `read_json(${p}, format = 'newline_delimited')`],
  [".jsonl.gz", (p) => `read_json(${p}, format = 'newline_delimited')`],
  [".json", (p) => `read_json(${p}, format = 'auto')`],
];

/**
 * The DuckDB table function that reads `path`, chosen by its extension: CSV (`.csv`, `.csv.gz`,
 * `.tsv`), Parquet (`.parquet`) or newline-delimited JSON (`.ndjson`, `.jsonl`, and `.json`).
 *
 * @example
 * readerFor("data/ref.parquet"); // "read_parquet('data/ref.parquet')"
 */
export function readerFor(path: string): string {
  const lower = path.toLowerCase();
  const match = READERS.filter(([suffix]) => lower.endsWith(suffix)).sort(
    (a, b) => b[0].length - a[0].length,
  )[0];
  if (match === undefined) {
    throw new SightlineError(
      "SL_INVALID_REFERENCE",
      `cannot tell the format of ${path}: use a .csv, .tsv, .parquet, .ndjson or .jsonl file`,
    );
  }
  return match[1](quoteLiteral(path));
}

/**
 * Loads the `role` ("reference" or "current") input file into an in-memory DuckDB table named
 * `table`, and describes its columns. A missing file, an unreadable one or one without rows is a
 * SightlineError naming the file.
 *
 * @example
 * const source = await loadDriftSource(conn, "reference", "ref.parquet", "reference"); // { rows, columns, ... }
 */
export async function loadDriftSource(
  conn: DuckDBConnection,
  role: "reference" | "current",
  path: string,
  table: string,
): Promise<DriftSource> {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new SightlineError("SL_NOT_FOUND", `${role} file not found: ${path}`);
  }
  const reader = readerFor(path);
  try {
    await conn.run(`CREATE TABLE ${quoteIdentifier(table)} AS SELECT * FROM ${reader}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new SightlineError(
      "SL_INVALID_REFERENCE",
      `cannot read the ${role} file ${path}: ${reason}`,
      undefined,
      {
        cause: error,
      },
    );
  }
  const describeResult = await conn.runAndReadAll(`DESCRIBE ${quoteIdentifier(table)}`);
  const described = describeResult.getRowObjectsJS();
  const counts = described.map((row, i) => `count(${quoteIdentifier(String(row.column_name))}) AS c${i}`);
  const counted = await conn.runAndReadAll(
    `SELECT ${["count(*) AS n", ...counts].join(", ")} FROM ${quoteIdentifier(table)}`,
  );
  const totals = counted.getRowObjectsJS()[0] ?? {};
  const rows = Number(totals.n ?? 0);
  if (rows === 0) throw new SightlineError("SL_INVALID_REFERENCE", `the ${role} file ${path} has no rows`);
  const columns = described.map((row, i) => ({
    name: String(row.column_name),
    type: String(row.column_type),
    nonNull: Number(totals[`c${i}`] ?? 0),
  }));
  return { path, table, rows, columns };
}
