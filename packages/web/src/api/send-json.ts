import { fetchJson } from "./client.js";

/**
 * Sends a write to the Sightline API (same origin) with a JSON body and returns the JSON answer (undefined
 * for 204); throws ApiError with the server's message.
 *
 * @example
 * await sendJson("POST", `/api/v1/alerts/${id}/ack`, { by: "ui" });
 */
export function sendJson<T>(method: "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<T> {
  return fetchJson<T>(path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
}
