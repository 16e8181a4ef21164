import { Command } from "commander";
import { resolveServerConfig } from "../config.js";
import { startServer } from "../server.js";

/** `sightline serve`: runs the server until SIGINT/SIGTERM. */
export function serveCommand(): Command {
  return new Command("serve")
    .description("run the Sightline server on the embedded DuckDB store")
    .option("-p, --port <port>", "port to listen on (env SIGHTLINE_PORT)", undefined)
    .option("--host <host>", "address to listen on (env SIGHTLINE_HOST; default 127.0.0.1 without API keys)")
    .option(
      "-d, --data-dir <dir>",
      "data directory holding sightline.duckdb (env SIGHTLINE_DATA_DIR)",
      undefined,
    )
    .option(
      "--keys-file <file>",
      "API keys file written by `sightline keys create` (env SIGHTLINE_KEYS_FILE)",
    )
    .option("--log-level <level>", "silent|error|warn|info|debug (env SIGHTLINE_LOG_LEVEL)")
    .option("--monitors <file>", "monitors and notifiers file, YAML or JSON (env SIGHTLINE_MONITORS)")
    .option("--public-url <url>", "base URL of the UI links alerts carry (env SIGHTLINE_PUBLIC_URL)")
    .action(
      async (flags: {
        port?: string;
        host?: string;
        dataDir?: string;
        keysFile?: string;
        logLevel?: string;
        monitors?: string;
        publicUrl?: string;
      }) => {
        const config = resolveServerConfig(flags, process.env);
        const server = await startServer(config);
        console.log(
          `Sightline listening on ${server.url} (store: DuckDB at ${config.dataDir}/sightline.duckdb)`,
        );
        if (config.apiKeys.length === 0) {
          console.log("No API keys configured: listening on loopback only, every call allowed.");
        } else {
          console.log(
            `${config.apiKeys.length} API key(s) configured: every API call needs 'Authorization: Bearer <key>'.`,
          );
        }
        console.log(`Try: curl ${server.url}/healthz   metrics: ${server.url}/metrics`);
        await new Promise<void>((resolve) => {
          const stop = () => {
            console.log("Shutting down...");
            server.close().then(resolve, (error: unknown) => {
              console.error(error);
              resolve();
            });
          };
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
      },
    );
}
