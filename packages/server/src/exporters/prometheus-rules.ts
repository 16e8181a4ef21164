import { stringify } from "yaml";
import { SightlineError } from "../errors.js";
import { checkModelName } from "../names.js";

/** Thresholds of the generated rules; each default is stated in docs/prometheus-grafana.md. */
export interface RuleOptions {
  model: string;
  /** Share of failed inferences over 5 minutes that pages (default 0.05). */
  errorRate?: number;
  /** p99 inference latency in seconds over 5 minutes (default 1). */
  latencyP99Seconds?: number;
  /** Contract violations per prediction over 10 minutes (default 0.01). */
  violationsPerPrediction?: number;
  /** How long a condition must hold before firing (Prometheus duration, default 10m). */
  for?: string;
}

/** One alerting rule as Prometheus reads it. */
export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function ratio(name: string, value: number | undefined, fallback: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0 || v > max) {
    throw new SightlineError("SL_INVALID_QUERY", `${name} must be a number in (0, ${max}], got ${value}`, {
      field: name,
    });
  }
  return v;
}

/**
 * Alerting rules for one model over Sightline's metrics: drift beyond the calibrated threshold, performance
 * below its threshold, any breached engine check (quality, stuck output, serving version, staleness), error
 * rate, p99 latency, contract violations and silence (no traffic). Drift, performance and check rules read the
 * gauges of the latest closed window, so they fire as soon as a window closes (no `for`).
 *
 * @example
 * const rules = buildAlertRules({ model: "flight-delay", errorRate: 0.02 });
 */
export function buildAlertRules(options: RuleOptions): { groups: { name: string; rules: AlertingRule[] }[] } {
  const model = checkModelName(options.model);
  const errorRate = ratio("errorRate", options.errorRate, 0.05, 1);
  const latency = ratio("latencyP99Seconds", options.latencyP99Seconds, 1, 3600);
  const violations = ratio("violationsPerPrediction", options.violationsPerPrediction, 0.01, 1000);
  const hold = options.for ?? "10m";
  if (!/^\d+[smhd]$/.test(hold)) {
    throw new SightlineError(
      "SL_INVALID_QUERY",
      `for must be a Prometheus duration like 10m, got '${hold}'`,
      {
        field: "for",
      },
    );
  }
  const m = `model="${model}"`;
  const perVersion = (metric: string, range: string) =>
    `sum by (model, version) (rate(${metric}{${m}}[${range}]))`;
  const base = { model };
  const rules: AlertingRule[] = [
    {
      alert: "SightlineFeatureDrift",
      expr: `sightline_drift_score{${m}} > sightline_drift_threshold{${m}}`,
      labels: { ...base, severity: "warning" },
      annotations: {
        summary: "{{ $labels.feature }} of {{ $labels.model }} {{ $labels.version }} drifted",
        description:
          "{{ $labels.method }} = {{ $value }} in the latest closed window, above its threshold calibrated on the reference.",
      },
    },
    {
      alert: "SightlinePerformanceDrop",
      expr: `sightline_performance{${m}} < sightline_performance_threshold{${m}}`,
      labels: { ...base, severity: "critical" },
      annotations: {
        summary: "{{ $labels.metric }} of {{ $labels.model }} {{ $labels.version }} fell below its threshold",
        description: "{{ $labels.metric }} = {{ $value }} in the latest closed window with labels.",
      },
    },
    {
      alert: "SightlineCheckBreached",
      expr: `sightline_checks_breached{${m}, kind=~"quality|stuck_output|serving_version|staleness|multivariate_drift"} > 0`,
      labels: { ...base, severity: "warning" },
      annotations: {
        summary: "{{ $labels.kind }} check breached for {{ $labels.model }} {{ $labels.version }}",
        description:
          "{{ $value }} {{ $labels.kind }} checks crossed their threshold in the latest closed window.",
      },
    },
    {
      alert: "SightlineHighErrorRate",
      expr: `${perVersion("sightline_prediction_errors_total", "5m")} / ${perVersion("sightline_predictions_total", "5m")} > ${errorRate}`,
      for: hold,
      labels: { ...base, severity: "critical" },
      annotations: {
        summary:
          "{{ $labels.model }} {{ $labels.version }} fails {{ $value | humanizePercentage }} of inferences",
        description: `More than ${errorRate * 100}% of inferences reported an error over 5 minutes.`,
      },
    },
    {
      alert: "SightlineHighLatency",
      expr: `histogram_quantile(0.99, sum by (le, model, version) (rate(sightline_inference_latency_seconds_bucket{${m}}[5m]))) > ${latency}`,
      for: hold,
      labels: { ...base, severity: "warning" },
      annotations: {
        summary:
          "p99 latency of {{ $labels.model }} {{ $labels.version }} is {{ $value | humanizeDuration }}",
        description: `p99 inference latency above ${latency} s over 5 minutes.`,
      },
    },
    {
      alert: "SightlineContractViolations",
      expr: `${perVersion("sightline_contract_violations_total", "10m")} / ${perVersion("sightline_predictions_total", "10m")} > ${violations}`,
      for: hold,
      labels: { ...base, severity: "warning" },
      annotations: {
        summary: "{{ $labels.model }} {{ $labels.version }} inputs break the contract",
        description: `More than ${violations} contract violations per prediction over 10 minutes.`,
      },
    },
    {
      alert: "SightlineNoTraffic",
      expr: `(sum(rate(sightline_predictions_total{${m}}[15m])) or vector(0)) == 0`,
      for: "15m",
      labels: { ...base, severity: "warning" },
      annotations: {
        summary: `${model} received no predictions for 15 minutes`,
        description: "The model server may be down, or its SDK cannot reach Sightline.",
      },
    },
  ];
  return { groups: [{ name: `sightline-${model}`, rules }] };
}

/** The rules as a Prometheus rule file (YAML). */
export function renderAlertRules(options: RuleOptions): string {
  return stringify(buildAlertRules(options), { lineWidth: 0 });
}
