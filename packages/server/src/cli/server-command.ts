import { Command } from "commander";
import { type ServerFlags, type ServerTarget, serverTarget, withServerOptions } from "./api-client.js";

/**
 * A subcommand that talks to a running server: its own arguments and options, then `--url`, `--api-key`
 * and `--json` (withServerOptions), and its action.
 *
 * @example
 * serverCommand(new Command("show").argument("<id>"), async (id: string, flags: ServerFlags) => { ... });
 */
export function serverCommand(
  command: Command,
  // biome-ignore lint/suspicious/noExplicitAny: commander passes the arguments, then the flags
  action: (...args: any[]) => Promise<void>,
): Command {
  return withServerOptions(command).action(action);
}

/**
 * A command grouping subcommands (`sightline alerts …`), each printing its help after a usage error.
 *
 * @example
 * commandGroup("alerts", "alerts: list, show", [listCommand(), showCommand()]);
 */
export function commandGroup(name: string, description: string, commands: readonly Command[]): Command {
  const group = new Command(name).description(description).showHelpAfterError();
  for (const command of commands) group.addCommand(command.showHelpAfterError());
  return group;
}

/**
 * The server a command's flags name, else the environment's (`SIGHTLINE_URL`, `SIGHTLINE_API_KEY`): called
 * from an action, the CLI's entry point, so no other module reads the environment.
 *
 * @example
 * await callApi(targetOf(flags), "GET", "/api/v1/alerts");
 */
export function targetOf(flags: ServerFlags): ServerTarget {
  return serverTarget(flags, process.env);
}
