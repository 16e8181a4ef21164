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
 * GETs a JSON endpoint of the Sightline API (same origin); throws ApiError with the server's message.
 *
 * @example
 * const { models } = await getJson<{ models: ModelSummary[] }>("/api/v1/models");
 */
export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? "SL_HTTP", error?.message ?? response.statusText);
  }
  return body as T;
}
