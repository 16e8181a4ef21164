import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type ApiKey, parseKeysEnv, parseKeysFile } from "./auth/api-keys.js";
import { SightlineError } from "./errors.js";

/** The server's resolved configuration: built once at start-up, frozen, passed down. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly apiKeys: readonly ApiKey[];
  /** Largest request body accepted (bytes); larger bodies get 413. */
  readonly maxBodyBytes: number;
  /** Most records accepted in one ingestion request; more get 413. */
  readonly maxBatchRecords: number;
  /** Records waiting for the writer before ingestion answers 429 (backpressure). */
  readonly maxQueuedRecords: number;
  readonly logLevel: "silent" | "error" | "warn" | "info" | "debug";
  /** Monitors file (YAML or JSON) read at start-up; null for defaults and API monitors only. */
  readonly monitorsFile: string | null;
  /** Base URL of the UI links alerts carry; null for the server's own URL. */
  readonly publicUrl: string | null;
  /** How often monitors are evaluated (ms). */
  readonly monitorIntervalMs: number;
  /** A window is evaluated once a prediction at or after its end plus this grace (ms) arrived. */
  readonly monitorGraceMs: number;
}

/** Flags as given on the command line (all optional: flags > environment > defaults). */
export interface ServerFlags {
  port?: string | number | undefined;
  host?: string | undefined;
  dataDir?: string | undefined;
  keysFile?: string | undefined;
  logLevel?: string | undefined;
  monitors?: string | undefined;
  publicUrl?: string | undefined;
}

export const defaults = {
  port: 7070,
  dataDir: ".sightline",
  maxBodyBytes: 64 * 1024 * 1024,
  maxBatchRecords: 100_000,
  maxQueuedRecords: 500_000,
  logLevel: "info",
} as const;

// The only place that reads SIGHTLINE_* variables. Each is documented in docs/configuration.md.
const env = {
  port: "SIGHTLINE_PORT",
  host: "SIGHTLINE_HOST",
  dataDir: "SIGHTLINE_DATA_DIR",
  apiKeys: "SIGHTLINE_API_KEYS",
  keysFile: "SIGHTLINE_KEYS_FILE",
  maxBodyBytes: "SIGHTLINE_MAX_BODY_BYTES",
  maxBatchRecords: "SIGHTLINE_MAX_BATCH_RECORDS",
  logLevel: "SIGHTLINE_LOG_LEVEL",
  monitors: "SIGHTLINE_MONITORS",
  publicUrl: "SIGHTLINE_PUBLIC_URL",
  monitorIntervalSeconds: "SIGHTLINE_MONITOR_INTERVAL_SECONDS",
  monitorGraceSeconds: "SIGHTLINE_MONITOR_GRACE_SECONDS",
} as const;

function positiveInt(value: string | number, name: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > max) {
    throw new SightlineError(
      "SL_INVALID_CONFIG",
      `${name} must be an integer between 1 and ${max}, got '${value}'`,
    );
  }
  return n;
}

const logLevels = ["silent", "error", "warn", "info", "debug"] as const;

/**
 * Resolves flags > `SIGHTLINE_*` environment > defaults, validates, freezes.
 *
 * @example
 * const config = resolveServerConfig({ port: "8080" }, process.env);
 */
export function resolveServerConfig(
  flags: ServerFlags,
  environment: Readonly<Record<string, string | undefined>>,
): ServerConfig {
  const rawPort = flags.port ?? environment[env.port] ?? defaults.port;
  // Port 0 asks the OS for any free port (tests, several servers on one machine); the URL says which.
  const port =
    Number(rawPort) === 0 && String(rawPort).trim() !== "" ? 0 : positiveInt(rawPort, "port", 65535);
  const dataDir = resolve(flags.dataDir ?? environment[env.dataDir] ?? defaults.dataDir);
  const keysFile = flags.keysFile ?? environment[env.keysFile];
  const apiKeys: ApiKey[] = [];
  const keysEnv = environment[env.apiKeys];
  if (keysEnv) apiKeys.push(...parseKeysEnv(keysEnv));
  if (keysFile) {
    let text: string;
    try {
      text = readFileSync(keysFile, "utf8");
    } catch (error) {
      throw new SightlineError("SL_INVALID_CONFIG", `cannot read keys file ${keysFile}`, undefined, {
        cause: error,
      });
    }
    apiKeys.push(...parseKeysFile(text, keysFile));
  }
  // Secure by default: without keys nobody else on the network may reach the API.
  const host = flags.host ?? environment[env.host] ?? (apiKeys.length > 0 ? "0.0.0.0" : "127.0.0.1");
  if (apiKeys.length === 0 && !isLoopback(host)) {
    throw new SightlineError(
      "SL_INVALID_CONFIG",
      `refusing to listen on ${host} without API keys: configure SIGHTLINE_API_KEYS or --keys-file, or listen on 127.0.0.1`,
    );
  }
  const logLevel = flags.logLevel ?? environment[env.logLevel] ?? defaults.logLevel;
  if (!(logLevels as readonly string[]).includes(logLevel)) {
    throw new SightlineError("SL_INVALID_CONFIG", `log level must be one of ${logLevels.join(", ")}`);
  }
  return Object.freeze({
    port,
    host,
    dataDir,
    apiKeys: Object.freeze(apiKeys),
    maxBodyBytes: positiveInt(environment[env.maxBodyBytes] ?? defaults.maxBodyBytes, env.maxBodyBytes),
    maxBatchRecords: positiveInt(
      environment[env.maxBatchRecords] ?? defaults.maxBatchRecords,
      env.maxBatchRecords,
    ),
    maxQueuedRecords: defaults.maxQueuedRecords,
    logLevel: logLevel as ServerConfig["logLevel"],
    monitorsFile: flags.monitors ?? environment[env.monitors] ?? null,
    publicUrl: flags.publicUrl ?? environment[env.publicUrl] ?? null,
    monitorIntervalMs:
      1000 * positiveInt(environment[env.monitorIntervalSeconds] ?? 60, env.monitorIntervalSeconds, 86_400),
    // Zero is a valid grace (evaluate as soon as a later prediction is seen): positiveInt of grace + 1.
    monitorGraceMs:
      1000 *
      (positiveInt(Number(environment[env.monitorGraceSeconds] ?? 300) + 1, env.monitorGraceSeconds) - 1),
  });
}

/** True for loopback addresses, where an unauthenticated API is acceptable. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}
