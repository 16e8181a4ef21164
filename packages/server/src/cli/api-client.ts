import type { Command } from "commander";
import { type ErrorCode, errorCodes, SightlineError } from "../errors.js";

/** Where the CLI finds a running server: its URL and an optional API key. */
export interface ServerTarget {
  url: string;
  apiKey?: string | undefined;
}

/** The flags every command that talks to a server takes (see {@link withServerOptions}). */
export interface ServerFlags {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

export const defaultServerUrl = "http://127.0.0.1:7070";

/**
 * The server to talk to: `--url`, else `SIGHTLINE_URL`, else the default; `--api-key`, else `SIGHTLINE_API_KEY`.
 * Called from a command's action with `process.env`, so no module reads the environment on its own.
 *
 * @example
 * serverTarget({ url: undefined, apiKey: undefined }, {}); // { url: "http://127.0.0.1:7070", apiKey: undefined }
 */
export function serverTarget(
  flags: { url?: string | undefined; apiKey?: string | undefined },
  environment: Readonly<Record<string, string | undefined>>,
): ServerTarget {
  const url = (flags.url ?? environment.SIGHTLINE_URL ?? defaultServerUrl).replace(/\/+$/, "");
  return { url, apiKey: flags.apiKey ?? environment.SIGHTLINE_API_KEY };
}

/**
 * Adds `--url`, `--api-key` and `--json` to a command that talks to a running server.
 *
 * @example
 * withServerOptions(new Command("list")).action(async (flags: ServerFlags) => { ... });
 */
export function withServerOptions(command: Command): Command {
  return command
    .option("--url <url>", "server URL (env SIGHTLINE_URL; default http://127.0.0.1:7070)")
    .option("--api-key <key>", "API key (env SIGHTLINE_API_KEY)")
    .option("--json", "print the server's JSON answer");
}

/**
 * Prints the server's JSON answer with `--json`, else the human rendering.
 *
 * @example
 * printAnswer(flags, json, () => renderTable(rows));
 */
export function printAnswer(flags: { json?: boolean | undefined }, json: unknown, human: () => string): void {
  console.log(flags.json ? JSON.stringify(json, null, 2) : human());
}

/**
 * A query string from the parameters that are set (`?a=1&b=2`, or "" when none is).
 *
 * @example
 * queryString({ model: "m", state: undefined }); // "?model=m"
 */
export function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, value);
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/** An HTTP answer: status and parsed JSON body. */
export interface ApiAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of many shapes, read by the renderers
  json: any;
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === "string" && !cause.message.includes(code)
      ? `${code}: ${cause.message}`
      : cause.message;
  }
  return error.message;
}

/**
 * Calls the server's API. A connection failure throws SightlineError asking whether the server runs at that
 * URL; an error answer throws SightlineError with the server's code and message (the CLI prints it and
 * exits 1). Pass `allow` to get chosen error statuses back instead.
 *
 * @example
 * const { json } = await callApi(target, "GET", "/api/v1/alerts?state=firing");
 */
export async function callApi(
  target: ServerTarget,
  method: string,
  path: string,
  body?: unknown,
  allow: readonly number[] = [],
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  let response: Response;
  try {
    const init: RequestInit = { method, headers, signal: AbortSignal.timeout(60_000) };
    if (body !== undefined) init.body = JSON.stringify(body);
    response = await fetch(`${target.url}${path}`, init);
  } catch (error) {
    throw new SightlineError(
      "SL_INTERNAL",
      `cannot reach the Sightline server at ${target.url} (${reasonOf(error)}): is the server running at ${target.url}?`,
    );
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok && !allow.includes(response.status)) {
    const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const serverCode = typeof error?.code === "string" ? error.code : undefined;
    const message =
      typeof error?.message === "string" ? error.message : text.slice(0, 200) || response.statusText;
    const code: ErrorCode =
      serverCode !== undefined && serverCode in errorCodes ? (serverCode as ErrorCode) : "SL_INTERNAL";
    const prefix = serverCode === undefined ? "" : `${serverCode}: `;
    throw new SightlineError(code, `${prefix}${message} (HTTP ${response.status})`);
  }
  return { status: response.status, json };
}
