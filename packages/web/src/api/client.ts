import { apiKey } from "./api-key.js";

/** An API answer that was not 2xx, with Sightline's error code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * Calls the Sightline API (same origin) with the UI's API key, if one is set, and returns the JSON answer
 * (undefined when empty); throws ApiError with the server's message. A 401 also tells the key store, so the
 * layout asks for a key.
 *
 * @example
 * const body = await fetchJson<{ models: ModelSummary[] }>("/api/v1/models", { method: "GET" });
 */
export async function fetchJson<T>(path: string, init: RequestInit & { headers?: Record<string, string> }) {
  const sentKey = apiKey.snapshot().key;
  const response = await fetch(path, {
    ...init,
    headers: { accept: "application/json", ...init.headers, ...apiKey.headers() },
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    const message = error?.message ?? response.statusText;
    if (response.status === 401) apiKey.refused(sentKey, message);
    throw new ApiError(response.status, error?.code ?? "SL_HTTP", message);
  }
  return body as T;
}

/**
 * GETs a JSON endpoint of the Sightline API (same origin); throws ApiError with the server's message.
 *
 * @example
 * const { models } = await getJson<{ models: ModelSummary[] }>("/api/v1/models");
 */
export function getJson<T>(path: string): Promise<T> {
  return fetchJson<T>(path, { method: "GET" });
}
