import { writeFileSync } from "node:fs";
import { DRIFT_METHODS, type DriftMethod, isDriftMethod } from "@sightline/stats";
import { Command, Option } from "commander";
import { SightlineError } from "../errors.js";
import { loadChartAssets } from "../report/chart-assets.js";
import { computeDriftReport, type DriftReportOptions } from "../report/compute-drift-report.js";
import { DEFAULT_DATASET_DRIFT_SHARE } from "../report/drift-thresholds.js";
import { renderDriftHtml } from "../report/render-html.js";
import { renderDriftJson } from "../report/render-json.js";
import { renderDriftTable } from "../report/render-table.js";

/** The raw flags of `sightline drift`, as commander parses them. */
export interface DriftFlags {
  reference: string;
  current: string;
  columns?: string;
  method: string;
  threshold?: string;
  bins: string;
  format: "table" | "json" | "html";
  out?: string;
  datasetShare: string;
}

function invalid(message: string): never {
  throw new SightlineError("SL_INVALID_QUERY", message);
}

/**
 * Validates the flags of `sightline drift` into report options; a bad value is a SightlineError
 * naming the flag.
 *
 * @example
 * driftOptions({ reference: "a.csv", current: "b.csv", method: "psi", bins: "10", format: "table", datasetShare: "0.5" });
 * // { reference: "a.csv", current: "b.csv", method: "psi", bins: 10, datasetShare: 0.5 }
 */
export function driftOptions(flags: DriftFlags): DriftReportOptions {
  const method = flags.method;
  if (method !== "auto" && !isDriftMethod(method)) {
    invalid(`unknown --method '${method}': use auto or one of ${DRIFT_METHODS.join(", ")}`);
  }
  const bins = Number(flags.bins);
  if (!(Number.isInteger(bins) && bins >= 2 && bins <= 1000)) {
    invalid(`bad --bins '${flags.bins}': an integer from 2 to 1000`);
  }
  const datasetShare = Number(flags.datasetShare);
  if (!(datasetShare > 0 && datasetShare <= 1)) {
    invalid(`bad --dataset-share '${flags.datasetShare}': a share in (0, 1]`);
  }
  const options: DriftReportOptions = {
    reference: flags.reference,
    current: flags.current,
    method: method as DriftMethod | "auto",
    bins,
    datasetShare,
  };
  if (flags.threshold !== undefined) {
    const threshold = Number(flags.threshold);
    if (flags.threshold.trim() === "" || !Number.isFinite(threshold) || threshold < 0) {
      invalid(`bad --threshold '${flags.threshold}': a non-negative number`);
    }
    options.threshold = threshold;
  }
  if (flags.columns !== undefined) {
    const columns = flags.columns
      .split(",")
      .map((c) => c.trim())
      .filter((c) => c !== "");
    if (columns.length === 0) invalid("--columns names no column");
    options.columns = columns;
  }
  return options;
}

/**
 * `sightline drift`: compares a current data file with a reference one, column by column, and
 * prints (or writes with --out) a table, JSON or a self-contained HTML report.
 *
 * @example
 * program.addCommand(driftCommand());
 * // sightline drift --reference ref.parquet --current cur.csv --format html --out drift.html
 */
export function driftCommand(): Command {
  return new Command("drift")
    .description("compare a current data file with a reference one, column by column (CSV, Parquet, NDJSON)")
    .requiredOption("--reference <file>", "reference data file (.csv, .tsv, .parquet, .ndjson, .jsonl)")
    .requiredOption("--current <file>", "current data file, same formats")
    .option("--columns <names>", "comma-separated columns to compare (default: all shared columns)")
    .option("--method <name>", `drift method: auto or one of ${DRIFT_METHODS.join(", ")}`, "auto")
    .option(
      "--threshold <x>",
      "drift when p_value < x (tests) or statistic > x (distances); default per method",
    )
    .option("--bins <n>", "reference-quantile bins for numeric columns under a count method", "10")
    .option(
      "--dataset-share <x>",
      "dataset drift when at least this share of columns drift",
      String(DEFAULT_DATASET_DRIFT_SHARE),
    )
    .addOption(
      new Option("--format <format>", "output format").choices(["table", "json", "html"]).default("table"),
    )
    .option("--out <file>", "write the report to this file instead of standard output")
    .action(async (flags: DriftFlags) => {
      const report = await computeDriftReport(driftOptions(flags));
      const text =
        flags.format === "json"
          ? renderDriftJson(report)
          : flags.format === "html"
            ? renderDriftHtml(report, loadChartAssets())
            : renderDriftTable(report);
      if (flags.out === undefined) {
        process.stdout.write(text);
        return;
      }
      try {
        writeFileSync(flags.out, text);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new SightlineError(
          "SL_INVALID_QUERY",
          `cannot write --out ${flags.out}: ${reason}`,
          undefined,
          { cause: error },
        );
      }
      console.error(`sightline: drift report written to ${flags.out}`);
    });
}
