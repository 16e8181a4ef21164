import type { DriftReport } from "./drift-report.js";
import { formatNumber } from "./format-number.js";

function percent(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`;
}

/**
 * The report as a plain-text table for a terminal: one row per column, then why each method was
 * chosen, skipped columns, and the dataset verdict.
 *
 * @example
 * console.log(renderDriftTable(report));
 * // column  type     method  statistic  p_value  threshold  drift
 * // age     numeric  ks      0.2        1.1e-9   0.05       DRIFT
 */
export function renderDriftTable(report: DriftReport): string {
  const header = ["column", "type", "method", "statistic", "p_value", "threshold", "drift"];
  const rows = report.columns.map((c) => [
    c.column,
    c.type,
    c.method,
    formatNumber(c.statistic),
    c.p_value === null ? "-" : formatNumber(c.p_value),
    `${c.p_value === null ? ">" : "<"} ${formatNumber(c.threshold)}`,
    c.drift_detected ? "DRIFT" : "ok",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
  const out = [
    `reference: ${report.reference.path} (${report.reference.rows} rows)`,
    `current:   ${report.current.path} (${report.current.rows} rows)`,
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    "Methods:",
    ...report.columns.map((c) => `  ${c.column}: ${c.method}: ${c.reason}`),
  ];
  if (report.skipped.length > 0) {
    out.push("", "Skipped:", ...report.skipped.map((s) => `  ${s.column}: ${s.reason}`));
  }
  out.push(
    "",
    `${report.drifted_columns} of ${report.columns.length} columns drifted (${percent(report.share_drifted)}); ` +
      `dataset drift: ${report.dataset_drift ? "YES" : "no"} (when >= ${percent(report.dataset_share)} of columns drift)`,
  );
  return `${out.join("\n")}\n`;
}
