import { Command } from "commander";
import { callApi, printAnswer, type ServerFlags, serverTarget, withServerOptions } from "./api-client.js";
import { formatNumber, renderTable } from "./render-table.js";

type Connection = ServerFlags;

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of many shapes, read by the printers below
type Json = any;

/** One call to the server's registry API; an error answer throws with the server's code and message. */
async function call(flags: Connection, method: string, path: string, body?: unknown): Promise<Json> {
  return (await callApi(serverTarget(flags, process.env), method, path, body)).json;
}

const enc = encodeURIComponent;

const aliasText = (aliases: Record<string, string>) =>
  Object.entries(aliases)
    .map(([alias, version]) => `${alias}=${version}`)
    .join(",") || "-";

function printModels(answer: Json): string {
  const rows = [["MODEL", "REGISTERED", "ALIASES", "VERSIONS", "PREDICTIONS", "LAST"]];
  for (const m of answer.models) {
    rows.push([
      m.model,
      m.registered ? "yes" : "no",
      aliasText(m.aliases),
      m.versions.join(","),
      String(m.predictions),
      m.last_timestamp ?? "-",
    ]);
  }
  return renderTable(rows);
}

function printModel(m: Json): string {
  const head = [
    `model:         ${m.model}${m.registered ? "" : " (not registered)"}`,
    `owner:         ${m.owner ?? "-"}`,
    `description:   ${m.description ?? "-"}`,
    `serving alias: ${m.serving_alias}`,
    `aliases:       ${aliasText(m.aliases)}`,
    `predictions:   ${m.predictions} (labels ${m.labels})`,
    "",
  ];
  const rows = [["VERSION", "REGISTERED", "ALIASES", "CREATED", "RUN", "CONTRACT", "PREDICTIONS"]];
  for (const v of m.version_details) {
    rows.push([
      v.version,
      v.registered ? "yes" : "no",
      v.aliases.join(",") || "-",
      v.created_timestamp ?? "-",
      v.run_id ?? "-",
      v.has_contract ? "yes" : "no",
      String(v.predictions),
    ]);
  }
  return head.join("\n") + renderTable(rows);
}

function printComparison(c: Json): string {
  const rows = [
    ["", "BASELINE", "CANDIDATE"],
    ["version", c.baseline.version, c.candidate.version],
    ["predictions", String(c.baseline.predictions), String(c.candidate.predictions)],
    ["error rate", formatNumber(c.baseline.error_rate), formatNumber(c.candidate.error_rate)],
    ["latency p50 ms", formatNumber(c.baseline.latency_p50_ms), formatNumber(c.candidate.latency_p50_ms)],
    ["latency p95 ms", formatNumber(c.baseline.latency_p95_ms), formatNumber(c.candidate.latency_p95_ms)],
  ];
  if (c.performance)
    rows.push([
      c.performance.metric,
      formatNumber(c.performance.baseline.value),
      formatNumber(c.performance.candidate.value),
    ]);
  return [`verdict: ${c.verdict}`, ...c.reasons.map((r: string) => `  - ${r}`), "", renderTable(rows)].join(
    "\n",
  );
}

function output(flags: Connection, answer: Json, text: (a: Json) => string): void {
  printAnswer(flags, answer, () => text(answer));
}

/**
 * `sightline models list|show|register|promote|rollback|compare`: the model registry over HTTP.
 *
 * @example
 * await buildCli().parseAsync(["node", "sightline", "models", "promote", "fraud", "v3", "--alias", "production"]);
 */
export function modelsCommand(): Command {
  // Subcommands inherit exit handling from their parent when created, so errors reach main() as exceptions.
  const models = new Command("models")
    .description("the model registry: versions, aliases, promote, rollback, compare")
    .showHelpAfterError()
    .exitOverride();
  withServerOptions(models.command("list").description("list models with their aliases and versions")).action(
    async (flags: Connection) => output(flags, await call(flags, "GET", "/api/v1/models"), printModels),
  );
  withServerOptions(
    models.command("show").argument("<name>", "model name").description("show a model and its versions"),
  ).action(async (name: string, flags: Connection) =>
    output(flags, await call(flags, "GET", `/api/v1/models/${enc(name)}`), printModel),
  );
  withServerOptions(
    models
      .command("register")
      .argument("<name>", "model name")
      .argument("<version>", "version name")
      .option("--artifact <uri>", "artifact URI (default models:/<name>/<version>)")
      .option("--run <id>", "id of the lineage run that trained it")
      .option("--description <text>", "what changed in this version")
      .description("register a version (admin)"),
  ).action(
    async (
      name: string,
      version: string,
      flags: Connection & { artifact?: string; run?: string; description?: string },
    ) => {
      const body: Record<string, string> = { version };
      if (flags.artifact) body.artifact_uri = flags.artifact;
      if (flags.run) body.run_id = flags.run;
      if (flags.description) body.description = flags.description;
      const answer = await call(flags, "POST", `/api/v1/models/${enc(name)}/versions`, body);
      output(flags, answer, (v) => `registered ${v.model} ${v.version} (${v.artifact_uri})`);
    },
  );
  withServerOptions(
    models
      .command("promote")
      .argument("<name>", "model name")
      .argument("<version>", "version to promote")
      .option("--alias <alias>", "alias to move", "production")
      .description("point an alias at a version (admin; audited)"),
  ).action(async (name: string, version: string, flags: Connection & { alias: string }) => {
    const answer = await call(flags, "PUT", `/api/v1/models/${enc(name)}/aliases/${enc(flags.alias)}`, {
      version,
    });
    output(flags, answer, (a) => `${a.model} ${a.alias}: ${a.previous_version ?? "(unset)"} -> ${a.version}`);
  });
  withServerOptions(
    models
      .command("rollback")
      .argument("<name>", "model name")
      .option("--alias <alias>", "alias to roll back", "production")
      .description("move an alias back to the version it held before (admin; audited)"),
  ).action(async (name: string, flags: Connection & { alias: string }) => {
    const answer = await call(
      flags,
      "POST",
      `/api/v1/models/${enc(name)}/aliases/${enc(flags.alias)}/rollback`,
      {},
    );
    output(
      flags,
      answer,
      (a) => `${a.model} ${a.alias}: ${a.previous_version} -> ${a.version} (rolled back)`,
    );
  });
  withServerOptions(
    models
      .command("compare")
      .argument("<name>", "model name")
      .requiredOption("--baseline <version>", "the version serving now")
      .requiredOption("--candidate <version>", "the canary or shadow version")
      .option("--from <time>", "window start, ISO-8601 or epoch ms (default: 7 days before --to)")
      .option("--to <time>", "window end, ISO-8601 or epoch ms (default: now)")
      .description(
        "compare two versions over the same period: outputs, performance, latency, errors, verdict",
      ),
  ).action(
    async (
      name: string,
      flags: Connection & { baseline: string; candidate: string; from?: string; to?: string },
    ) => {
      const query = new URLSearchParams({ baseline: flags.baseline, candidate: flags.candidate });
      if (flags.from) query.set("from", flags.from);
      if (flags.to) query.set("to", flags.to);
      output(
        flags,
        await call(flags, "GET", `/api/v1/models/${enc(name)}/compare?${query}`),
        printComparison,
      );
    },
  );
  return models;
}
