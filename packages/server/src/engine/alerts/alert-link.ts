import type { Window } from "../window.js";

/**
 * The UI view of an alert: `<publicUrl>/models/<model>?from=..&to=..&focus=<subject>`.
 *
 * @example
 * alertLink("http://127.0.0.1:7070", "m", { fromMs: 0, toMs: 86_400_000 }, "distance");
 * // "http://127.0.0.1:7070/models/m?from=1970-01-01T00%3A00%3A00.000Z&to=1970-01-02T00%3A00%3A00.000Z&focus=distance"
 */
export function alertLink(publicUrl: string, model: string, window: Window, subject: string): string {
  const query = new URLSearchParams({
    from: new Date(window.fromMs).toISOString(),
    to: new Date(window.toMs).toISOString(),
    focus: subject,
  });
  return `${publicUrl.replace(/\/+$/, "")}/models/${encodeURIComponent(model)}?${query.toString()}`;
}
