import { Command } from "commander";
import { parseDuration } from "../engine/window.js";
import { parseTimestamp } from "../engine/window-query.js";
import { checkModelName } from "../names.js";
import {
  callApi,
  printAnswer,
  queryString,
  type ServerFlags,
  serverTarget,
  withServerOptions,
} from "./api-client.js";
import { formatPercent, formatUtc } from "./render-table.js";

// biome-ignore lint/suspicious/noExplicitAny: the advice answer, read as it comes
type Json = any;

/**
 * The retraining advice as text: verdict, window, drift share, label coverage and the reasons.
 *
 * @example
 * console.log(renderAdvice(await (await fetch(`${url}/api/v1/models/fraud/advice`)).json()));
 */
export function renderAdvice(answer: Json): string {
  const lines = [
    `${answer.model}: ${String(answer.verdict).toUpperCase()}`,
    `  window:         ${formatUtc(answer.window?.from)} to ${formatUtc(answer.window?.to)}`,
    `  drift share:    ${formatPercent(answer.drift_share)}`,
    `  label coverage: ${formatPercent(answer.label_coverage)}`,
    `  checks:         ${answer.checks}`,
  ];
  for (const r of answer.reasons ?? []) lines.push(`  - [${r.verdict}] ${r.message}`);
  return lines.join("\n");
}

/**
 * `sightline advice --model M`: whether to retrain, from the checks of the last closed window (or a range).
 *
 * @example
 * await main(["node", "sightline", "advice", "--model", "fraud"]);
 */
export function adviceCommand(): Command {
  return withServerOptions(
    new Command("advice")
      .description("retraining advice for a model: retrain, watch or ok, with the reasons")
      .requiredOption("--model <model>", "model name")
      .option("--window <size>", "window size: 15m, 1h, 1d, 1w (default 1d)")
      .option(
        "--from <time>",
        "range start, ISO-8601 or epoch ms (with --to; default: the last closed window)",
      )
      .option("--to <time>", "range end, ISO-8601 or epoch ms (with --from)"),
  )
    .showHelpAfterError()
    .action(async (flags: ServerFlags & { model: string; window?: string; from?: string; to?: string }) => {
      const model = checkModelName(flags.model);
      if (flags.window !== undefined) parseDuration(flags.window, "--window");
      if (flags.from !== undefined) parseTimestamp(flags.from, "--from");
      if (flags.to !== undefined) parseTimestamp(flags.to, "--to");
      const path = `/api/v1/models/${encodeURIComponent(model)}/advice${queryString({ window: flags.window, from: flags.from, to: flags.to })}`;
      const { json } = await callApi(serverTarget(flags, process.env), "GET", path);
      printAnswer(flags, json, () => renderAdvice(json));
    });
}
