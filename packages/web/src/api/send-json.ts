import { ApiError } from "./client.js";

/**
 * Sends a write to the Sightline API (same origin) with a JSON body and returns the JSON answer (undefined
 * for 204); throws ApiError with the server's message.
 *
 * @example
 * await sendJson("POST", `/api/v1/alerts/${id}/ack`, { by: "ui" });
 */
export async function sendJson<T>(
  method: "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? "SL_HTTP", error?.message ?? response.statusText);
  }
  return parsed as T;
}
