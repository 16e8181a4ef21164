import { SightlineError } from "../errors.js";

/** Where the CLI finds a running server: its URL and an optional API key. */
export interface ServerTarget {
  url: string;
  apiKey?: string | undefined;
}

export const defaultServerUrl = "http://127.0.0.1:7070";

/**
 * The server to talk to: `--url`, else `SIGHTLINE_URL`, else the default; `--api-key`, else `SIGHTLINE_API_KEY`.
 * Called from a command's action with `process.env`, so no module reads the environment on its own.
 *
 * @example
 * serverTarget({ url: undefined, apiKey: undefined }, process.env); // { url: "http://127.0.0.1:7070" }
 */
export function serverTarget(
  flags: { url?: string | undefined; apiKey?: string | undefined },
  environment: Readonly<Record<string, string | undefined>>,
): ServerTarget {
  const url = (flags.url ?? environment.SIGHTLINE_URL ?? defaultServerUrl).replace(/\/+$/, "");
  return { url, apiKey: flags.apiKey ?? environment.SIGHTLINE_API_KEY };
}

/** An HTTP answer: status and parsed JSON body. */
export interface ApiAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of many shapes, read by the renderers
  json: any;
}

/**
 * Calls the server's API. A connection failure or an error answer throws SightlineError with the server's
 * message (the CLI prints it and exits 1); pass `allow` to get chosen error statuses back instead.
 *
 * @example
 * const { json } = await callApi(target, "GET", "/api/v1/runs?limit=5");
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
    const reason =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    throw new SightlineError("SL_INTERNAL", `cannot reach the Sightline server at ${target.url}: ${reason}`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok && !allow.includes(response.status)) {
    const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    const message = error?.message ?? `HTTP ${response.status} ${text.slice(0, 200)}`;
    const code =
      error?.code && error.code in codeStatus ? (error.code as keyof typeof codeStatus) : "SL_INTERNAL";
    throw new SightlineError(code, `${message} (HTTP ${response.status})`);
  }
  return { status: response.status, json };
}

// The codes a lineage answer can carry, re-raised as they are.
const codeStatus = {
  SL_NOT_FOUND: 404,
  SL_INVALID_QUERY: 400,
  SL_INVALID_LINEAGE: 400,
  SL_INVALID_MODEL_NAME: 400,
  SL_UNAUTHENTICATED: 401,
  SL_FORBIDDEN: 403,
} as const;
