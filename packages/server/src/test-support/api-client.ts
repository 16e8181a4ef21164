/** One HTTP answer: status, raw text, and the parsed JSON body when there is one. */
export interface ApiResponse {
  status: number;
  contentType: string;
  text: string;
  // Tests read fields of many shapes; `any` keeps assertions short.
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON of any shape
  json: any;
}

/**
 * A minimal client for a running server: real HTTP through `fetch`, JSON parsed when the answer is JSON.
 *
 * @example
 * const api = new ApiClient(server.url);
 * const { status, json } = await api.postJson("/api/v1/models/m/predictions", [{ features: {}, prediction: 1 }]);
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly key?: string,
  ) {}

  /** The same server with another API key (or none). */
  withKey(key: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, key);
  }

  async request(
    method: string,
    path: string,
    body?: string | Uint8Array,
    contentType?: string,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> {
    const all: Record<string, string> = { ...headers };
    if (contentType !== undefined) all["content-type"] = contentType;
    if (this.key !== undefined) all.authorization = `Bearer ${this.key}`;
    const init: RequestInit = { method, headers: all, signal: AbortSignal.timeout(60_000) };
    if (body !== undefined) init.body = body;
    const response = await fetch(`${this.baseUrl}${path}`, init);
    const text = await response.text();
    const type = response.headers.get("content-type") ?? "";
    let json: unknown;
    if (type.includes("json") && text !== "") json = JSON.parse(text);
    return { status: response.status, contentType: type, text, json };
  }

  get(path: string): Promise<ApiResponse> {
    return this.request("GET", path);
  }

  /** POSTs a value as `application/json`, or a string as it is (e.g. malformed JSON). */
  postJson(path: string, body: unknown): Promise<ApiResponse> {
    return this.request(
      "POST",
      path,
      typeof body === "string" ? body : JSON.stringify(body),
      "application/json",
    );
  }

  /** POSTs records as NDJSON, one JSON line each; strings are sent as they are (e.g. malformed lines). */
  postNdjson(path: string, lines: readonly unknown[]): Promise<ApiResponse> {
    const text = lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n");
    return this.request("POST", path, `${text}\n`, "application/x-ndjson");
  }
}
