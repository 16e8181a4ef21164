import { Gauge, type Registry } from "prom-client";
import type { Check } from "../engine/check.js";

type Labels = Record<string, string>;

/**
 * Prometheus gauges holding each model's latest closed window: drift scores and their calibrated
 * thresholds per feature, realised and estimated performance, data quality rates, label coverage and the
 * count of breached checks by kind. The engine calls `update` when a window closes; a model's earlier
 * series are replaced, so a feature that disappears stops being exported. Segment checks are left out
 * (a tag value is unbounded; segments are read through the API).
 *
 * @example
 * const gauges = new WindowGauges(metrics.registry);
 * gauges.update("flight-delay", checksOfTheClosedWindow);
 */
export class WindowGauges {
  private readonly gauges: Record<string, Gauge<string>>;
  private readonly series = new Map<string, { gauge: Gauge<string>; labels: Labels }[]>();

  constructor(registry: Registry) {
    const registers = [registry];
    const gauge = (name: string, help: string, labelNames: string[]) =>
      new Gauge({ name, help, labelNames, registers });
    this.gauges = {
      driftScore: gauge(
        "sightline_drift_score",
        "Drift statistic of the latest closed window against the version's reference, by feature and method.",
        ["model", "version", "feature", "method"],
      ),
      driftThreshold: gauge(
        "sightline_drift_threshold",
        "Threshold the drift statistic is judged against (calibrated on the reference, or stated).",
        ["model", "version", "feature", "method"],
      ),
      performance: gauge(
        "sightline_performance",
        "Realised performance metric of the latest closed window (labelled predictions only).",
        ["model", "version", "metric"],
      ),
      performanceThreshold: gauge(
        "sightline_performance_threshold",
        "Lowest acceptable value of the performance metric (reference value minus the tolerance).",
        ["model", "version", "metric"],
      ),
      performanceEstimated: gauge(
        "sightline_performance_estimated",
        "Performance metric estimated without labels (CBPE) for the latest closed window.",
        ["model", "version", "metric"],
      ),
      quality: gauge(
        "sightline_data_quality_ratio",
        "Data quality rate of the latest closed window, by feature and kind (missing, out of range, unseen).",
        ["model", "version", "feature", "kind"],
      ),
      breached: gauge(
        "sightline_checks_breached",
        "Checks of the latest closed window that crossed their threshold, by kind.",
        ["model", "version", "kind"],
      ),
      windowEnd: gauge(
        "sightline_window_end_timestamp_seconds",
        "Event-time end of the latest closed window the gauges describe.",
        ["model"],
      ),
    };
  }

  /** Replaces the model's series with those of `checks` (one closed window). */
  update(model: string, checks: readonly (Omit<Check, "kind"> & { kind: string })[]): void {
    for (const { gauge, labels } of this.series.get(model) ?? []) gauge.remove(labels);
    const set: { gauge: Gauge<string>; labels: Labels }[] = [];
    const put = (gauge: Gauge<string> | undefined, labels: Labels, value: number | null) => {
      if (!gauge || value === null || !Number.isFinite(value)) return;
      gauge.set(labels, value);
      set.push({ gauge, labels });
    };
    const breached = new Map<string, Labels & { n: string }>();
    let windowEndMs = Number.NEGATIVE_INFINITY;
    for (const check of checks) {
      if (check.model !== model || check.segment !== null) continue;
      const version = check.version ?? "_all";
      windowEndMs = Math.max(windowEndMs, check.window.toMs);
      const g = this.gauges;
      if (check.kind === "drift" || check.kind === "multivariate_drift") {
        const labels = { model, version, feature: check.subject, method: check.metric };
        put(g.driftScore, labels, check.value);
        put(g.driftThreshold, labels, check.threshold);
      } else if (check.kind === "performance") {
        put(g.performance, { model, version, metric: check.metric }, check.value);
        put(g.performanceThreshold, { model, version, metric: check.metric }, check.threshold);
      } else if (check.kind === "estimated_performance") {
        put(g.performanceEstimated, { model, version, metric: check.metric }, check.value);
      } else if (check.kind === "quality") {
        put(g.quality, { model, version, feature: check.subject, kind: check.metric }, check.value);
      }
      const key = `${version}\u0000${check.kind}`;
      const entry = breached.get(key) ?? { model, version, kind: check.kind, n: "0" };
      if (check.breached) entry.n = String(Number(entry.n) + 1);
      breached.set(key, entry);
    }
    for (const { n, ...labels } of breached.values()) put(this.gauges.breached, labels, Number(n));
    if (Number.isFinite(windowEndMs)) put(this.gauges.windowEnd, { model }, windowEndMs / 1000);
    this.series.set(model, set);
  }
}
