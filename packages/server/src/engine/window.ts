import { SightlineError } from "../errors.js";

/** A half-open time range `[fromMs, toMs)` of predictions by event time, in epoch milliseconds (UTC). */
export interface Window {
  fromMs: number;
  toMs: number;
}

const unitMs = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/**
 * Parses a window size such as `15m`, `1h`, `1d`, `7d` or `1w` into milliseconds.
 *
 * @example
 * parseDuration("1d"); // 86_400_000
 */
export function parseDuration(text: string, field = "window"): number {
  const match = /^(\d+)([mhdw])$/.exec(text.trim());
  const count = match ? Number(match[1]) : Number.NaN;
  if (!match || !Number.isSafeInteger(count) || count <= 0) {
    throw new SightlineError(
      "SL_INVALID_QUERY",
      `${field} must be a positive duration like 15m, 1h, 1d or 1w; got '${text}'`,
      { field },
    );
  }
  return count * unitMs[match[2] as keyof typeof unitMs];
}

/**
 * Fixed windows of `sizeMs` covering `[fromMs, toMs)`, aligned to multiples of the size since the epoch
 * (so daily windows start at 00:00 UTC, whatever the range asked for), clipped to neither end: the first
 * window starts at or before `fromMs` and the last ends at or after `toMs`. Weekly windows start on Thursday
 * (the epoch's weekday) unless `offsetMs` shifts them (e.g. 4 days for Mondays).
 *
 * @example
 * fixedWindows(Date.UTC(2001, 0, 1, 5), Date.UTC(2001, 0, 3), 86_400_000);
 * // [{ fromMs: Date.UTC(2001,0,1), toMs: Date.UTC(2001,0,2) }, { fromMs: Date.UTC(2001,0,2), toMs: Date.UTC(2001,0,3) }]
 */
export function fixedWindows(fromMs: number, toMs: number, sizeMs: number, offsetMs = 0): Window[] {
  if (!(toMs > fromMs)) return [];
  const windows: Window[] = [];
  let start = Math.floor((fromMs - offsetMs) / sizeMs) * sizeMs + offsetMs;
  for (; start < toMs; start += sizeMs) windows.push({ fromMs: start, toMs: start + sizeMs });
  return windows;
}

/** The window of `sizeMs` (aligned as in {@link fixedWindows}) that holds `tsMs`. */
export function windowOf(tsMs: number, sizeMs: number, offsetMs = 0): Window {
  const fromMs = Math.floor((tsMs - offsetMs) / sizeMs) * sizeMs + offsetMs;
  return { fromMs, toMs: fromMs + sizeMs };
}

/** ISO-8601 form of a window for API answers: `{ from, to }`. */
export function windowToJson(window: Window): { from: string; to: string } {
  return { from: new Date(window.fromMs).toISOString(), to: new Date(window.toMs).toISOString() };
}
