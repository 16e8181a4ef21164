import type { Window } from "../window.js";

/**
 * Performance monitors stating no `delay` wait this long after a window's end (event time) while too few
 * labels are known to observe their lag (observed-label-delay.ts).
 */
export const DEFAULT_LABEL_DELAY_MS = 3 * 86_400_000;
/**
 * A window still short of labels when it is evaluated is judged again at each later window close while its
 * end + delay + this has not passed; then it is given up (no verdict).
 */
export const LABEL_LOOKBACK_MS = 7 * 86_400_000;

/**
 * How long after a window's end a monitor judges it, without looking at labels: its own `delay`, else 3
 * days for `performance` monitors (labels arrive late) and 0 for every other kind.
 *
 * @example
 * monitorDelayMs({ ...monitor, kind: "performance" }); // 259_200_000
 */
export function monitorDelayMs(monitor: { kind: string; delayMs?: number }): number {
  if (monitor.delayMs !== undefined) return monitor.delayMs;
  return monitor.kind === "performance" ? DEFAULT_LABEL_DELAY_MS : 0;
}

/**
 * The windows of `sizeMs` (aligned to multiples of it) that a monitor delayed by `delayMs` judges when the
 * evaluated clock moves from `fromMs` to `toMs`: those whose end + delay falls in `(fromMs, toMs]`, never
 * one starting before `firstMs`, oldest first.
 *
 * @example
 * maturedWindows(3 * day, 4 * day, day, 2 * day, 0); // [{ fromMs: day, toMs: 2 * day }]
 */
export function maturedWindows(
  fromMs: number,
  toMs: number,
  sizeMs: number,
  delayMs: number,
  firstMs: number,
): Window[] {
  const out: Window[] = [];
  const lastEnd = Math.floor((toMs - delayMs) / sizeMs) * sizeMs;
  for (let end = Math.floor((fromMs - delayMs) / sizeMs) * sizeMs + sizeMs; end <= lastEnd; end += sizeMs) {
    if (end - sizeMs >= firstMs) out.push({ fromMs: end - sizeMs, toMs: end });
  }
  return out;
}

/**
 * A delay as the monitor field takes it back: `0`, or the largest whole unit of `w`, `d`, `h`, `m`.
 *
 * @example
 * delayText(259_200_000); // "3d"
 */
export function delayText(ms: number): string | 0 {
  if (ms <= 0) return 0;
  for (const [unit, size] of [
    ["w", 604_800_000],
    ["d", 86_400_000],
    ["h", 3_600_000],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.ceil(ms / 60_000)}m`;
}
