import { existsSync, statSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { SightlineError } from "../errors.js";
import { quoteIdentifier, quoteLiteral } from "./sql-quote.js";

/** A column of a loaded input: its name and DuckDB type. */
export interface SourceColumn {
  name: string;
  type: string;
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
  const described = await conn.runAndReadAll(`DESCRIBE ${quoteIdentifier(table)}`);
  const columns = described.getRowObjectsJS().map((row) => ({
    name: String(row.column_name),
    type: String(row.column_type),
  }));
  const counted = await conn.runAndReadAll(`SELECT count(*) AS n FROM ${quoteIdentifier(table)}`);
  const rows = Number(counted.getRowObjectsJS()[0]?.n ?? 0);
  if (rows === 0) throw new SightlineError("SL_INVALID_REFERENCE", `the ${role} file ${path} has no rows`);
  return { path, table, rows, columns };
}
