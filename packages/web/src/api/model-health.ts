import type { DriftMatrixAnswer } from "sightline/api-types";
import { taskMetrics } from "../components/performance-chart.js";
import { getJson } from "./client.js";
import type { ModelSummary, ModelVersion, OutputsWindow, PerformanceAnswer } from "./types.js";

const DAY_MS = 86_400_000;
/** How many daily windows the performance trend covers. */
export const TREND_DAYS = 30;

/** A model's health at a glance, for the overview. Null where the model gives no such number. */
export interface ModelHealth {
  /** Start of the day window holding the newest prediction: the "latest window". */
  windowFrom: string;
  /** Drifted features in the latest window; null without a reference. */
  drifted: number | null;
  /** Features tested in the latest window; null without a reference. */
  features: number | null;
  volume: number;
  latencyP99Ms: number | null;
  errorRate: number | null;
  /** The trend metric (F1, accuracy or MAE by task) per day over the last 30 days; null where unlabelled. */
  trendMetric: string | null;
  trend: (number | null)[];
}

/**
 * Fetches the overview's health numbers of one model: volume, latency p99 and error rate of its latest day
 * window (`/outputs`), drifted features in it (`/drift/matrix`, against the version with a reference and the most
 * predictions; skipped without one), and the daily performance trend (`/performance`). Null for a model
 * without predictions.
 *
 * @example
 * const health = await fetchModelHealth(summary);
 */
export async function fetchModelHealth(summary: ModelSummary): Promise<ModelHealth | null> {
  if (summary.last_timestamp === null) return null;
  const base = `/api/v1/models/${encodeURIComponent(summary.model)}`;
  const toMs = Math.ceil((Date.parse(summary.last_timestamp) + 1) / DAY_MS) * DAY_MS;
  const latest = new URLSearchParams({
    from: new Date(toMs - DAY_MS).toISOString(),
    to: new Date(toMs).toISOString(),
    window: "1d",
  });
  const trend = new URLSearchParams({
    from: new Date(toMs - TREND_DAYS * DAY_MS).toISOString(),
    to: new Date(toMs).toISOString(),
    window: "1d",
  });
  const [versions, outputs, performance] = await Promise.all([
    getJson<{ versions: ModelVersion[] }>(`${base}/versions`),
    getJson<{ windows: OutputsWindow[] }>(`${base}/outputs?${latest.toString()}`),
    getJson<PerformanceAnswer>(`${base}/performance?${trend.toString()}`),
  ]);
  const reference = versions.versions
    .filter((v) => v.has_contract)
    .sort((a, b) => b.predictions - a.predictions)[0];
  let drifted: number | null = null;
  let features: number | null = null;
  if (reference) {
    latest.set("version", reference.version);
    const drift = await getJson<DriftMatrixAnswer>(`${base}/drift/matrix?${latest.toString()}`);
    const last = drift.windows.at(-1);
    const tested = drift.columns.flatMap((column, i) =>
      column === "prediction" || column === "label" ? [] : [last?.drift[i] ?? null],
    );
    drifted = tested.filter((d) => d === true).length;
    features = tested.filter((d) => d !== null).length;
  }
  const window = outputs.windows.at(-1);
  const metric = taskMetrics[performance.task ?? ""]?.[0] ?? null;
  return {
    windowFrom: new Date(toMs - DAY_MS).toISOString(),
    drifted,
    features,
    volume: window?.rows ?? 0,
    latencyP99Ms: window?.latency_ms?.p99 ?? null,
    errorRate: window && window.rows > 0 ? window.error_rate : null,
    trendMetric: metric,
    trend: performance.windows.map((w) => {
      const value = metric === null ? undefined : w.metrics?.[metric];
      return typeof value === "number" ? value : null;
    }),
  };
}
