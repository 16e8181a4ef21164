import { Command } from "commander";
import { parseDuration } from "../engine/window.js";
import { parseTimestamp } from "../engine/window-query.js";
import { SightlineError } from "../errors.js";
import { checkModelName, checkVersionName } from "../names.js";
import {
  callApi,
  printAnswer,
  queryString,
  type ServerFlags,
  serverTarget,
  withServerOptions,
} from "./api-client.js";
import { renderDrift, renderOutputs, renderPerformance, renderQuality } from "./render-windows.js";

/** The flags of `sightline windows <view>`. */
export interface WindowFlags {
  model: string;
  from?: string | undefined;
  to?: string | undefined;
  window?: string | undefined;
  version?: string | undefined;
  segment?: string | undefined;
  cumulative?: boolean | undefined;
  method?: string | undefined;
  minEffect?: string | undefined;
  task?: string | undefined;
}

function bad(flag: string, reason: string): never {
  throw new SightlineError("SL_INVALID_QUERY", `${flag} ${reason}`, { field: flag });
}

/**
 * Checks the flags of `sightline windows` locally (each error names the flag) and turns them into the query
 * string of the window endpoints.
 *
 * @example
 * windowQuery({ model: "m", window: "1h", segment: "region:eu" }); // "?window=1h&segment=region%3Aeu"
 */
export function windowQuery(flags: WindowFlags): string {
  checkModelName(flags.model);
  if (flags.window !== undefined) parseDuration(flags.window, "--window");
  const fromMs = flags.from === undefined ? undefined : parseTimestamp(flags.from, "--from");
  const toMs = flags.to === undefined ? undefined : parseTimestamp(flags.to, "--to");
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) bad("--to", "must be after --from");
  if (flags.version !== undefined) checkVersionName(flags.version);
  if (flags.segment !== undefined) {
    const colon = flags.segment.indexOf(":");
    if (colon <= 0 || colon === flags.segment.length - 1)
      bad("--segment", `must be tag:value (e.g. region:eu); got '${flags.segment}'`);
  }
  if (flags.minEffect !== undefined) {
    const value = Number(flags.minEffect);
    if (flags.minEffect.trim() === "" || !Number.isFinite(value) || value < 0)
      bad("--min-effect", `must be a non-negative number; got '${flags.minEffect}'`);
  }
  return queryString({
    from: flags.from,
    to: flags.to,
    window: flags.window,
    version: flags.version,
    segment: flags.segment,
    cumulative: flags.cumulative ? "true" : undefined,
    method: flags.method,
    min_effect: flags.minEffect,
    task: flags.task,
  });
}

type View = "drift" | "quality" | "outputs" | "performance";

const descriptions: Record<View, string> = {
  drift: "drift of every feature, the prediction and the label per window against the version's reference",
  quality: "data quality per window: missing values, contract violations, unseen and out-of-range values",
  outputs: "outputs and operations per window: volume, errors, latency, scores, stuck output",
  performance: "performance per window and cumulative once labels arrive, label coverage, CBPE estimate",
};

function viewCommand(view: View): Command {
  const command = withServerOptions(
    new Command(view)
      .description(descriptions[view])
      .requiredOption("--model <model>", "model name")
      .option("--from <time>", "range start, ISO-8601 or epoch ms (default: 7 days before --to)")
      .option("--to <time>", "range end, ISO-8601 or epoch ms (default: just after the newest prediction)")
      .option("--window <size>", "window size: 15m, 1h, 1d, 1w (default 1d)")
      .option("--version <version>", "one version (default: the serving one)")
      .option("--segment <tag:value>", "only predictions with this tag value"),
  );
  if (view === "performance")
    command.option("--task <task>", "binary, multiclass or regression (default: detected)");
  else command.option("--cumulative", "one window over the whole range");
  if (view === "drift") {
    command
      .option("--method <methods>", "drift methods to run, comma-separated (default: chosen per feature)")
      .option("--min-effect <x>", "smallest distance that counts as drift");
  }
  return command.action(async (flags: ServerFlags & WindowFlags) => {
    const path = `/api/v1/models/${encodeURIComponent(flags.model)}/${view}${windowQuery(flags)}`;
    const { json } = await callApi(serverTarget(flags, process.env), "GET", path);
    printAnswer(flags, json, () => {
      if (view === "drift") return renderDrift(json);
      if (view === "quality") return renderQuality(json);
      if (view === "outputs") return renderOutputs(json);
      return renderPerformance(flags.model, json);
    });
  });
}

/**
 * `sightline windows drift|quality|outputs|performance --model M`: the engine's per-window answers, as the
 * API gives them (`--json`) or as a compact table.
 *
 * @example
 * await main(["node", "sightline", "windows", "drift", "--model", "fraud", "--window", "1d"]);
 */
export function windowsCommand(): Command {
  const windows = new Command("windows")
    .description("per-window drift, data quality, outputs and performance of a model")
    .showHelpAfterError();
  for (const view of ["drift", "quality", "outputs", "performance"] as const)
    windows.addCommand(viewCommand(view).showHelpAfterError());
  return windows;
}
