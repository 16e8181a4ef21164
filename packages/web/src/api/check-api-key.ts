/**
 * Asks the server whether `key` may read (one GET of the model list with it), before the UI adopts it: a
 * wrong key then stays on the form without the page flashing up, and a key without the `read` role (an
 * `ingest` key, meant for model servers) is turned away instead of failing every query with 403. Resolves to
 * the server's refusal message, or undefined when the key reads.
 *
 * @example
 * const refusal = await checkApiKey("slk_...");
 * if (refusal === undefined) apiKey.set("slk_...");
 */
export async function checkApiKey(key: string): Promise<string | undefined> {
  try {
    const response = await fetch("/api/v1/models", {
      headers: { accept: "application/json", authorization: `Bearer ${key}` },
    });
    if (response.ok) return undefined;
    const body = (await response.json().catch(() => undefined)) as
      | { error?: { message?: string } }
      | undefined;
    return body?.error?.message ?? `${response.status} ${response.statusText}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
