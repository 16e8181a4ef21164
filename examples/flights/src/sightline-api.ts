/** A failed call to the Sightline API, with its status and the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * The few Sightline HTTP calls the demo makes besides the SDK's (registry, reference upload, monitors,
 * alerts, lineage trace), with `fetch`.
 *
 * @example
 * const api = new SightlineApi("http://127.0.0.1:7070");
 * const { alerts } = await api.get<{ alerts: unknown[] }>("/api/v1/alerts?model=flight-delay");
 */
export class SightlineApi {
  constructor(
    readonly url: string,
    private readonly apiKey?: string,
  ) {}

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = "application/json",
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.apiKey !== undefined) headers.authorization = `Bearer ${this.apiKey}`;
    let payload: string | undefined;
    if (body !== undefined) {
      headers["content-type"] = contentType;
      payload = typeof body === "string" ? body : JSON.stringify(body);
    }
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers,
      ...(payload === undefined ? {} : { body: payload }),
    });
    const text = await response.text();
    if (!response.ok)
      throw new ApiError(response.status, `${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }
}
