import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

// The files that docs/drift-report.md's samples compare: a reference and a current window in each input
// format, with a numeric column that shifts (income), one that does not (age), a categorical one whose
// mix changes (city) and a timestamp that the report skips (signup). Deterministic: no random numbers.
const rows = (shift: number) => `
  SELECT 20 + (i * 7919) % 50 AS age,
         round(30000 + ((i * 104729) % 1000) * 70 + ${shift}, 2) AS income,
         CASE WHEN (i * 31) % 10 < ${shift > 0 ? 6 : 3} THEN 'NYC' WHEN (i * 31) % 10 < 8 THEN 'LA' ELSE 'SF' END
           AS city,
         TIMESTAMP '2024-03-01' + to_seconds(i * 60) AS signup
  FROM range(2000) AS t(i)`;

/** Writes train.parquet, last-week.csv, ref.csv, cur.csv, ref.parquet and cur.ndjson into `dir`. */
export async function setup(dir: string): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const files: [string, number, string][] = [
    ["train.parquet", 0, "FORMAT parquet"],
    ["last-week.csv", 9000, "FORMAT csv, HEADER"],
    ["ref.csv", 0, "FORMAT csv, HEADER"],
    ["cur.csv", 9000, "FORMAT csv, HEADER"],
    ["ref.parquet", 0, "FORMAT parquet"],
    ["cur.ndjson", 9000, "FORMAT json"],
  ];
  try {
    for (const [name, shift, format] of files) {
      await connection.run(`COPY (${rows(shift)}) TO '${join(dir, name)}' (${format})`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
