const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Range presets of the time-range picker, by URL name. */
export const rangePresets = { "24h": DAY_MS, "7d": 7 * DAY_MS, "30d": 30 * DAY_MS, all: null } as const;
export type RangePreset = keyof typeof rangePresets;

/** Window sizes the model page offers, by URL name. */
export const windowSizes = { "1h": HOUR_MS, "1d": DAY_MS, "1w": 7 * DAY_MS } as const;
export type WindowSize = keyof typeof windowSizes;

/** A resolved time range: `[fromMs, toMs)` cut into windows of `window`. */
export interface TimeRange {
  preset: RangePreset | "custom";
  window: WindowSize;
  fromMs: number;
  toMs: number;
}

function isPreset(text: string | null): text is RangePreset {
  return text !== null && Object.hasOwn(rangePresets, text);
}

function isWindow(text: string | null): text is WindowSize {
  return text !== null && Object.hasOwn(windowSizes, text);
}

/**
 * Resolves the model page's URL parameters (`range`, or `from` and `to`; `window`) against the model's
 * extent of event times. Presets end at the window boundary after the newest prediction (not at the
 * clock: replayed or historical data shows where it is); `all` starts at the window holding the first.
 * A custom range (`from` and `to`, as alert links give them) wins over a preset. Null without predictions.
 *
 * @example
 * resolveTimeRange(new URLSearchParams("range=7d"), { firstMs: 0, lastMs: 10 * 86_400_000 - 1 });
 * // { preset: "7d", window: "1d", fromMs: 3 * 86_400_000, toMs: 10 * 86_400_000 }
 */
export function resolveTimeRange(
  params: URLSearchParams,
  extent: { firstMs: number | null; lastMs: number | null },
): TimeRange | null {
  const preset = params.get("range");
  const named = params.get("window");
  const window: WindowSize = isWindow(named) ? named : preset === "24h" ? "1h" : "1d";
  const sizeMs = windowSizes[window];
  const from = Date.parse(params.get("from") ?? "");
  const to = Date.parse(params.get("to") ?? "");
  if (Number.isFinite(from) && Number.isFinite(to) && to > from) {
    return { preset: "custom", window, fromMs: from, toMs: to };
  }
  if (extent.lastMs === null) return null;
  const chosen: RangePreset = isPreset(preset) ? preset : "7d";
  const toMs = Math.ceil((extent.lastMs + 1) / sizeMs) * sizeMs;
  const span = rangePresets[chosen];
  const firstMs = extent.firstMs ?? extent.lastMs;
  const fromMs = span === null ? Math.floor(firstMs / sizeMs) * sizeMs : toMs - span;
  return { preset: chosen, window, fromMs, toMs };
}

/**
 * The API query of a time range with the page's version and segment filters.
 *
 * @example
 * rangeQuery({ preset: "7d", window: "1d", fromMs: 0, toMs: 86_400_000 }, { version: "v1" });
 * // "from=1970-01-01T00%3A00%3A00.000Z&to=1970-01-02T00%3A00%3A00.000Z&window=1d&version=v1"
 */
export function rangeQuery(range: TimeRange, filters: { version?: string; segment?: string }): string {
  const query = new URLSearchParams({
    from: new Date(range.fromMs).toISOString(),
    to: new Date(range.toMs).toISOString(),
    window: range.window,
  });
  if (filters.version) query.set("version", filters.version);
  if (filters.segment) query.set("segment", filters.segment);
  return query.toString();
}
