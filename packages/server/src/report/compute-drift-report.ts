import { DuckDBInstance } from "@duckdb/node-api";
import { type ColumnDriftOptions, columnDrift } from "./column-drift.js";
import { type ColumnDrift, type DriftReport, summarizeDrift } from "./drift-report.js";
import { loadDriftSource } from "./drift-source.js";
import { planColumns } from "./plan-columns.js";

/** Inputs and settings of an offline drift report. */
export interface DriftReportOptions extends ColumnDriftOptions {
  /** Reference file (.csv, .tsv, .parquet, .ndjson, .jsonl; optionally .gz for CSV/NDJSON). */
  reference: string;
  /** Current file, same formats. */
  current: string;
  /** Columns to compare (default: every column the two files share). */
  columns?: readonly string[];
  /** Dataset drift when share_drifted >= datasetShare. */
  datasetShare: number;
}

/**
 * Computes the drift report of two files: loads each into an in-memory DuckDB, decides the
 * columns, compares them one by one and gives the dataset verdict. Wrong inputs throw a
 * SightlineError that names the problem.
 *
 * @example
 * const report = await computeDriftReport({ reference: "ref.csv", current: "cur.csv", method: "auto", bins: 10, datasetShare: 0.5 });
 * report.dataset_drift; // true when at least half of the columns drifted
 */
export async function computeDriftReport(options: DriftReportOptions): Promise<DriftReport> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    const reference = await loadDriftSource(conn, "reference", options.reference, "reference");
    const current = await loadDriftSource(conn, "current", options.current, "current");
    const { compared, skipped } = planColumns(reference.columns, current.columns, options.columns);
    const columns: ColumnDrift[] = [];
    for (const column of compared) columns.push(await columnDrift(conn, column, options));
    return {
      reference: { path: reference.path, rows: reference.rows },
      current: { path: current.path, rows: current.rows },
      columns,
      skipped,
      ...summarizeDrift(
        columns.map((c) => c.drift_detected),
        options.datasetShare,
      ),
      dataset_share: options.datasetShare,
    };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
