import type { AlertStore } from "../../store/alert-store.js";
import type { Check, CheckProvider, CheckQuery } from "../check.js";
import { volumeAnomaly } from "./volume-anomaly.js";

/** Windows before the one judged that teach the volume band. */
const lookbackWindows = 60;

/**
 * A check provider for `volume` (predictions per window, judged by an EWMA band over the preceding windows)
 * and `error_rate` (share of predictions logged with an error; no calibrated threshold). Counts are
 * aggregated in the store.
 *
 * @example
 * const provider = volumeProvider(store.alerts);
 * const checks = await provider.checks({ model: "m", window, nowMs });
 */
export function volumeProvider(store: Pick<AlertStore, "windowCounts">): CheckProvider {
  return {
    kinds: ["volume", "error_rate"],
    async checks(query: CheckQuery): Promise<Check[]> {
      const sizeMs = query.window.toMs - query.window.fromMs;
      const counts = await store.windowCounts({
        model: query.model,
        fromMs: query.window.fromMs - lookbackWindows * sizeMs,
        toMs: query.window.toMs,
        sizeMs,
        ...(query.version === undefined ? {} : { version: query.version }),
        ...(query.segment === undefined ? {} : { segment: query.segment }),
      });
      const byStart = new Map(counts.map((c) => [c.fromMs, c]));
      const current = byStart.get(query.window.fromMs) ?? { fromMs: query.window.fromMs, rows: 0, errors: 0 };
      // The series starts at the first window with predictions; later empty windows count as 0.
      const first = counts[0]?.fromMs ?? query.window.fromMs;
      const series: number[] = [];
      for (let from = first; from <= query.window.fromMs; from += sizeMs)
        series.push(byStart.get(from)?.rows ?? 0);
      const band = volumeAnomaly(series);
      const base = {
        model: query.model,
        version: query.version ?? null,
        segment: query.segment ? `${query.segment.tag}=${query.segment.value}` : null,
        window: { ...query.window },
        subject: "overall",
        rows: current.rows,
      };
      const low = band.expected !== null && current.rows < band.expected;
      return [
        {
          ...base,
          kind: "volume",
          metric: "rows",
          value: current.rows,
          threshold: band.ready ? (low ? band.lower : band.upper) : null,
          breached: band.drift,
          evidence: {
            method: "ewma",
            expected: band.expected,
            lower: band.lower,
            upper: band.upper,
            z_score: band.z_score,
            windows: series.length,
          },
        },
        {
          ...base,
          kind: "error_rate",
          metric: "error_rate",
          value: current.rows > 0 ? current.errors / current.rows : null,
          threshold: null,
          breached: false,
          evidence: { errors: current.errors },
        },
      ];
    },
  };
}
