import { Command } from "commander";
import {
  callApi,
  printAnswer,
  queryString,
  type ServerFlags,
  type ServerTarget,
  serverTarget,
  withServerOptions,
} from "./api-client.js";
import { renderRuns, renderTrace } from "./render-lineage.js";

function target(flags: ServerFlags): ServerTarget {
  return serverTarget(flags, process.env);
}

function staleLines(warnings: readonly string[]): string {
  return warnings.length === 0 ? "" : `\n\n${warnings.map((w) => `! STALE: ${w}`).join("\n")}`;
}

function traceCommand(): Command {
  return withServerOptions(
    new Command("trace")
      .description(
        "trace a prediction (with --model), a run or an artifact back to the runs and data behind it",
      )
      .argument("<id>", "prediction id (needs --model), run id, or artifact name")
      .option("--model <model>", "the model of a prediction id")
      .option("--depth <n>", "run levels to walk (default 20)")
      .option("--stale-days <days>", "staleness threshold in days (default 30)"),
  ).action(
    async (id: string, flags: ServerFlags & { model?: string; depth?: string; staleDays?: string }) => {
      const server = target(flags);
      const common = { depth: flags.depth, stale_days: flags.staleDays };
      let answer: unknown;
      if (flags.model !== undefined) {
        answer = (
          await callApi(
            server,
            "GET",
            `/api/v1/lineage/trace${queryString({ model: flags.model, prediction: id, ...common })}`,
          )
        ).json;
      } else {
        // A run id first; a name no run has is read as an artifact.
        const byRun = await callApi(
          server,
          "GET",
          `/api/v1/lineage/trace${queryString({ run: id, ...common })}`,
          undefined,
          [400, 404],
        );
        answer =
          byRun.status === 200
            ? byRun.json
            : (
                await callApi(
                  server,
                  "GET",
                  `/api/v1/lineage/trace${queryString({ artifact: id, ...common })}`,
                )
              ).json;
      }
      const result = answer as { trace: Parameters<typeof renderTrace>[0]; stale: string[] };
      printAnswer(flags, result, () => renderTrace(result.trace) + staleLines(result.stale));
    },
  );
}

function historyCommand(): Command {
  return withServerOptions(
    new Command("history")
      .description("runs of a component, newest first")
      .argument("<component>", "component name")
      .option("--from <time>", "runs started at or after (ISO-8601 or epoch ms)")
      .option("--to <time>", "runs started before (ISO-8601 or epoch ms)")
      .option("--limit <n>", "at most this many runs (default 50)"),
  ).action(async (component: string, flags: ServerFlags & { from?: string; to?: string; limit?: string }) => {
    const path = `/api/v1/components/${encodeURIComponent(component)}/runs${queryString({ from: flags.from, to: flags.to, limit: flags.limit })}`;
    const { json } = await callApi(target(flags), "GET", path);
    printAnswer(flags, json, () => renderRuns(json.runs));
  });
}

function recentCommand(): Command {
  return withServerOptions(
    new Command("recent")
      .description("the most recent runs of every component")
      .option("--limit <n>", "at most this many runs (default 50)")
      .option("--component <name>", "only this component")
      .option("--status <status>", "only running, success or failed runs"),
  ).action(async (flags: ServerFlags & { limit?: string; component?: string; status?: string }) => {
    const path = `/api/v1/runs${queryString({ limit: flags.limit, component: flags.component, status: flags.status })}`;
    const { json } = await callApi(target(flags), "GET", path);
    printAnswer(flags, json, () => renderRuns(json.runs));
  });
}

function inspectCommand(): Command {
  return withServerOptions(
    new Command("inspect").description("one run in full").argument("<run>", "run id"),
  ).action(async (run: string, flags: ServerFlags) => {
    const { json } = await callApi(target(flags), "GET", `/api/v1/runs/${encodeURIComponent(run)}`);
    printAnswer(flags, json, () => {
      const lines = [
        `run ${json.id} (${json.component}) ${json.status}`,
        `  start: ${json.start_time}   end: ${json.end_time ?? "-"}`,
      ];
      if (json.error) lines.push(`  error: ${json.error}`);
      if (json.git_commit) lines.push(`  git commit: ${json.git_commit}`);
      if (json.code_hash) lines.push(`  code hash: ${json.code_hash}`);
      for (const i of json.inputs) {
        lines.push(`  input  ${i.name} [${i.kind}]${i.producer ? ` <- run ${i.producer}` : ""}`);
      }
      for (const o of json.outputs) lines.push(`  output ${o.name} [${o.kind}]`);
      if (json.params) lines.push(`  params: ${JSON.stringify(json.params)}`);
      if (json.metrics) lines.push(`  metrics: ${JSON.stringify(json.metrics)}`);
      if (json.notes) lines.push(`  notes: ${json.notes}`);
      return lines.join("\n") + staleLines(json.stale.map((w: { message: string }) => w.message));
    });
  });
}

function flagBody(id: string, model: string | undefined) {
  return model === undefined ? { artifact: id } : { model, prediction: id };
}

function flagCommand(name: "flag" | "unflag"): Command {
  return withServerOptions(
    new Command(name)
      .description(
        name === "flag" ? "flag an output (artifact, or prediction with --model) as bad" : "remove a flag",
      )
      .argument("<id>", "artifact name, or prediction id with --model")
      .option("--model <model>", "the model of a prediction id"),
  ).action(async (id: string, flags: ServerFlags & { model?: string }) => {
    const method = name === "flag" ? "POST" : "DELETE";
    const { json } = await callApi(target(flags), method, "/api/v1/lineage/flags", flagBody(id, flags.model));
    printAnswer(flags, json, () =>
      name === "flag"
        ? `${json.created ? "flagged" : "already flagged"}: ${json.flagged}`
        : `${json.removed ? "unflagged" : "was not flagged"}: ${json.unflagged}`,
    );
  });
}

function reviewCommand(): Command {
  return withServerOptions(
    new Command("review")
      .description("rank the runs that feed the most flagged outputs")
      .option("--limit <n>", "at most this many runs (default 20)"),
  ).action(async (flags: ServerFlags & { limit?: string }) => {
    const { json } = await callApi(
      target(flags),
      "GET",
      `/api/v1/lineage/review${queryString({ limit: flags.limit })}`,
    );
    printAnswer(flags, json, () => `${json.flagged.length} flagged output(s)\n${renderRuns(json.runs)}`);
  });
}

function staleCommand(): Command {
  return withServerOptions(
    new Command("stale")
      .description("the latest run of each component that is stale, with why")
      .option("--stale-days <days>", "staleness threshold in days (default 30)")
      .option("--component <name>", "only this component"),
  ).action(async (flags: ServerFlags & { staleDays?: string; component?: string }) => {
    const { json } = await callApi(
      target(flags),
      "GET",
      `/api/v1/lineage/stale${queryString({ stale_days: flags.staleDays, component: flags.component })}`,
    );
    printAnswer(flags, json, () => {
      if (json.runs.length === 0) return `no stale runs (threshold ${json.stale_days} days)`;
      return json.runs
        .map(
          (r: { id: string; component: string; start_time: string; warnings: { message: string }[] }) =>
            `run ${r.component} ${r.id} (${r.start_time})\n${r.warnings.map((w) => `  ! STALE: ${w.message}`).join("\n")}`,
        )
        .join("\n");
    });
  });
}

/**
 * The lineage commands: `trace`, `history`, `recent`, `inspect`, `flag`, `unflag`, `review`, `stale`; each
 * talks to a running server over HTTP and has `--json`.
 *
 * @example
 * for (const command of lineageCommands()) program.addCommand(command);
 */
export function lineageCommands(): Command[] {
  const commands = [
    traceCommand(),
    historyCommand(),
    recentCommand(),
    inspectCommand(),
    flagCommand("flag"),
    flagCommand("unflag"),
    reviewCommand(),
    staleCommand(),
  ];
  for (const command of commands) command.showHelpAfterError();
  return commands;
}
