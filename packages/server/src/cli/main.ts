import { Command, CommanderError } from "commander";
import { SightlineError } from "../errors.js";
import { adviceCommand } from "./advice-command.js";
import { alertsCommand } from "./alerts-command.js";
import { demoCommand } from "./demo-command.js";
import { driftCommand } from "./drift-command.js";
import { grafanaCommand, prometheusCommand } from "./export-commands.js";
import { keysCommand } from "./keys-command.js";
import { lineageCommands } from "./lineage-commands.js";
import { modelsCommand } from "./models-command.js";
import { monitorsCommand } from "./monitors-command.js";
import { serveCommand } from "./serve-command.js";
import { windowsCommand } from "./windows-command.js";

/** Builds the `sightline` command tree; every subcommand has --help. */
export function buildCli(): Command {
  const program = new Command("sightline")
    .description("Sightline: log, validate, monitor, trace and debug ML models in production")
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(serveCommand());
  program.addCommand(demoCommand());
  program.addCommand(keysCommand());
  program.addCommand(driftCommand());
  program.addCommand(modelsCommand());
  program.addCommand(alertsCommand());
  program.addCommand(monitorsCommand());
  program.addCommand(windowsCommand());
  program.addCommand(adviceCommand());
  for (const command of lineageCommands()) program.addCommand(command);
  program.addCommand(grafanaCommand());
  program.addCommand(prometheusCommand());
  exitOverrideAll(program);
  return program;
}

// Nested subcommands do not inherit exitOverride, so a bad option deep in the tree would call process.exit.
function exitOverrideAll(command: Command): void {
  for (const sub of command.commands) {
    sub.exitOverride();
    exitOverrideAll(sub);
  }
}

/** Entry point of the `sightline` command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildCli();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof SightlineError) {
      console.error(`sightline: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
