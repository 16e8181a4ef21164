import { DuckDBInstance } from "@duckdb/node-api";
import { quoteIdentifier, quoteLiteral } from "./sql-quote.js";

/** One column of a test data file: its DuckDB type and values (null for missing). */
export interface TestColumn {
  name: string;
  type: "DOUBLE" | "BIGINT" | "VARCHAR" | "BOOLEAN";
  values: readonly (number | string | boolean | null)[];
}

/**
 * Writes columns to `path` with DuckDB's COPY, as CSV, Parquet or newline-delimited JSON by the
 * extension (.csv, .parquet, .ndjson/.jsonl). For tests of the drift report.
 *
 * @example
 * await writeTestFile("/tmp/x/ref.parquet", [{ name: "a", type: "DOUBLE", values: [1, 2, 3] }]);
 */
export async function writeTestFile(path: string, columns: readonly TestColumn[]): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    const definition = columns.map((c) => `${quoteIdentifier(c.name)} ${c.type}`).join(", ");
    await conn.run(`CREATE TABLE t (${definition})`);
    const appender = await conn.createAppender("t");
    const rows = Math.max(0, ...columns.map((c) => c.values.length));
    for (let i = 0; i < rows; i++) {
      for (const column of columns) {
        const value = column.values[i] ?? null;
        if (value === null) appender.appendNull();
        else if (column.type === "DOUBLE") appender.appendDouble(value as number);
        else if (column.type === "BIGINT") appender.appendBigInt(BigInt(value as number));
        else if (column.type === "BOOLEAN") appender.appendBoolean(value as boolean);
        else appender.appendVarchar(String(value));
      }
      appender.endRow();
    }
    appender.closeSync();
    const format = path.endsWith(".parquet")
      ? "(FORMAT parquet)"
      : path.endsWith(".csv")
        ? "(FORMAT csv, HEADER)"
        : "(FORMAT json)";
    await conn.run(`COPY t TO ${quoteLiteral(path)} ${format}`);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
