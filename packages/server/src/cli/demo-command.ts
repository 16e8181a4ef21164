import { mkdirSync } from "node:fs";
import { Command } from "commander";
import { resolveServerConfig } from "../config.js";
import { SightlineError } from "../errors.js";
import { startServer } from "../server.js";

interface DemoSummaryFailure {
  failure: { kind: string; title: string; startMs: number; explanation: string };
  detected: boolean;
  alert: { monitor: string; subject: string; starts_at: string | null } | null;
  window: number | null;
}

interface DemoResult {
  predictions: number;
  labels: number;
  detection: {
    failures: DemoSummaryFailure[];
    quietAlerts: unknown[];
    naturalDriftAlerts: unknown[];
    firedAlerts: number;
  };
  traces: { kind: string; prediction: string; expectedRun: string; reached: boolean }[];
  ok: boolean;
}

interface FlightsExample {
  runFlightsDemo(options: {
    url: string;
    fast: boolean;
    log: (line: string) => void;
    progress?: (done: number, total: number, dayMs: number) => void;
  }): Promise<DemoResult>;
}

// A variable specifier keeps the example out of this package's compile-time graph: it is optional.
const examplePackage = "@sightline/example-flights";

async function loadExample(): Promise<FlightsExample> {
  try {
    return (await import(examplePackage)) as FlightsExample;
  } catch (error) {
    throw new SightlineError(
      "SL_INVALID_CONFIG",
      `the demo needs ${examplePackage} (examples/flights in the Sightline repository): run 'npm install && npm run build' from the repository root`,
      undefined,
      { cause: error },
    );
  }
}

function progressLine(done: number, total: number, dayMs: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const day = new Date(dayMs).toISOString().slice(0, 10);
  return `replay [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} days (${day})`;
}

/** `sightline demo`: the flights demo on an embedded server; `--fast` exits with a detection summary. */
export function demoCommand(): Command {
  return new Command("demo")
    .description(
      "run the flight-delay demo: pipeline, model server, replay of Feb-Jun 2001 with three injected failures",
    )
    .option(
      "--fast",
      "a short replay (1 Feb - 10 Mar); print a summary and exit 0 only when every failure was caught",
    )
    .option("-d, --data-dir <dir>", "data directory of the embedded store", ".sightline-demo")
    .option("-p, --port <port>", "port of the Sightline server", "7070")
    .action(async (flags: { fast?: boolean; dataDir: string; port: string }) => {
      const example = await loadExample();
      mkdirSync(flags.dataDir, { recursive: true });
      const config = resolveServerConfig(
        { port: flags.port, dataDir: flags.dataDir, logLevel: "error" },
        process.env,
      );
      const server = await startServer(config);
      const out = process.stdout;
      console.log(`Sightline listening on ${server.url} (embedded DuckDB in ${config.dataDir})`);
      let result: DemoResult;
      try {
        result = await example.runFlightsDemo({
          url: server.url,
          fast: flags.fast === true,
          log: (line) => console.log(line),
          progress: (done, total, dayMs) => {
            const line = progressLine(done, total, dayMs);
            if (out.isTTY) out.write(`\r${line}${done === total ? "\n" : ""}`);
            else if (done === total || done % 10 === 0) console.log(line);
          },
        });
      } catch (error) {
        await server.close();
        throw error;
      }
      console.log(`\n${result.predictions} predictions, ${result.labels} labels replayed.`);
      for (const f of result.detection.failures) {
        const trace = result.traces.find((t) => t.kind === f.failure.kind);
        const when =
          f.alert === null
            ? "NOT detected"
            : `detected by ${f.alert.monitor} (${f.alert.subject}) in window ${f.window} (${f.alert.starts_at?.slice(0, 10)})`;
        console.log(`- ${f.failure.title}: ${when}`);
        console.log(`    why: ${f.failure.explanation}`);
        if (trace) {
          console.log(
            `    trace of prediction ${trace.prediction} ${trace.reached ? "reaches" : "does NOT reach"} ${trace.expectedRun}`,
          );
        }
      }
      console.log(
        `Alerts fired: ${result.detection.firedAlerts}; in the quiet period: ${result.detection.quietAlerts.length}; natural drift alerts outside the failures: ${result.detection.naturalDriftAlerts.length}.`,
      );
      console.log(
        `Look at: ${server.url}/  ${server.url}/models/flight-delay  ${server.url}/alerts  ${server.url}/lineage`,
      );
      if (flags.fast === true) {
        await server.close();
        if (!result.ok)
          throw new SightlineError("SL_INVALID_CONFIG", "demo: not every injected failure was caught");
        return;
      }
      console.log("The server keeps running for exploration; Ctrl-C to stop.");
      await new Promise<void>((resolve) => {
        const stop = () => {
          server.close().then(resolve, () => resolve());
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}
