import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { Contract, Violation } from "../contract/contract.js";
import type { AcceptedPrediction } from "../ingest/prediction-row.js";
import { type HistogramSeries, SeriesHistogram } from "./series-histogram.js";

// 0 to 1 by 0.05: fine enough for histogram_quantile on probabilities to land within one bucket.
const scoreBuckets = Array.from({ length: 20 }, (_, i) => Number(((i + 1) * 0.05).toFixed(2)));
// Inference latency from 0.5 ms to 10 s.
const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  model: string;
  version: string;
  latency: HistogramSeries;
  score: HistogramSeries;
  /** The value histogram's series, when it has buckets (a numeric reference) for this version. */
  value: HistogramSeries | undefined;
}

const gaugesNamedTotal = [
  "nodejs_active_handles_total",
  "nodejs_active_requests_total",
  "nodejs_active_resources_total",
];

/**
 * The Prometheus metrics of ingestion, in a registry of their own (tests build fresh ones).
 * Label cardinality is bounded: model and version names are validated; contract-violation `feature` labels
 * are limited to the version's contract features (anything else is counted as `_other`).
 */
export class IngestMetrics {
  readonly registry: Registry;
  private readonly predictions: Counter<"model" | "version">;
  private readonly errors: Counter<"model" | "version">;
  private readonly latency: SeriesHistogram;
  private readonly score: SeriesHistogram;
  private readonly value: SeriesHistogram;
  private readonly labels: Counter<"model">;
  private readonly violations: Counter<"model" | "version" | "feature" | "kind">;
  private readonly rejected: Counter<"model" | "kind">;
  private readonly knownFeatures = new Map<string, Set<string>>();
  private readonly series = new Map<string, Series>();

  constructor(queueDepth: () => number, registry = new Registry()) {
    this.registry = registry;
    const registers = [registry];
    collectDefaultMetrics({ register: registry, prefix: "sightline_process_" });
    // prom-client exposes these counts as gauges named `_total`, which `promtool check metrics` flags; the
    // same counts remain, by type, in nodejs_active_handles, nodejs_active_requests, nodejs_active_resources.
    for (const name of gaugesNamedTotal) registry.removeSingleMetric(`sightline_process_${name}`);
    this.predictions = new Counter({
      name: "sightline_predictions_total",
      help: "Predictions ingested (durably stored), by model and version.",
      labelNames: ["model", "version"],
      registers,
    });
    this.errors = new Counter({
      name: "sightline_prediction_errors_total",
      help: "Ingested predictions that reported a failed inference (error set).",
      labelNames: ["model", "version"],
      registers,
    });
    this.latency = new SeriesHistogram(
      "sightline_inference_latency_seconds",
      "Inference latency reported with each prediction.",
      registry,
      latencyBuckets,
    );
    this.score = new SeriesHistogram(
      "sightline_prediction_score",
      "Output probability (positive class for binary, top class for multiclass), buckets of 0.05.",
      registry,
      scoreBuckets,
    );
    this.value = new SeriesHistogram(
      "sightline_prediction_value",
      "Numeric (regression) outputs, buckets from the version's reference deciles.",
      registry,
    );
    this.labels = new Counter({
      name: "sightline_labels_total",
      help: "Ground-truth labels received.",
      labelNames: ["model"],
      registers,
    });
    this.violations = new Counter({
      name: "sightline_contract_violations_total",
      help: "Contract violations of ingested predictions, by feature and kind.",
      labelNames: ["model", "version", "feature", "kind"],
      registers,
    });
    this.rejected = new Counter({
      name: "sightline_ingest_rejected_total",
      help: "Records rejected at ingestion (not stored), by record kind.",
      labelNames: ["model", "kind"],
      registers,
    });
    new Gauge({
      name: "sightline_ingest_queue_depth",
      help: "Records accepted by the API and waiting to be written to the store.",
      registers,
      collect() {
        this.set(queueDepth());
      },
    });
  }

  /** Learns a version's contract: its feature names (label values) and its output buckets. */
  setContract(contract: Contract): void {
    this.knownFeatures.set(
      `${contract.model}\u0000${contract.version}`,
      new Set(contract.features.map((f) => f.name)),
    );
    const p = contract.prediction;
    if (p && p.type === "numeric" && p.quantiles && p.min !== null && p.max !== null) {
      // Six significant digits keep bucket bounds readable without changing which bucket a value falls in much.
      const bounds = [p.min, ...p.quantiles, p.max].map((b) => Number(b.toPrecision(6)));
      this.value.setBuckets(contract.model, contract.version, bounds);
    }
    this.series.delete(`${contract.model}\u0000${contract.version}`);
  }

  // The histogram series of one (model, version), looked up once per batch rather than per record.
  private seriesOf(model: string, version: string): Series {
    const key = `${model}\u0000${version}`;
    let series = this.series.get(key);
    if (!series) {
      series = {
        model,
        version,
        latency: this.latency.series(model, version) as HistogramSeries,
        score: this.score.series(model, version) as HistogramSeries,
        value: this.value.series(model, version),
      };
      this.series.set(key, series);
    }
    return series;
  }

  /** Counts a durably written batch of predictions. */
  recordPredictions(batch: readonly AcceptedPrediction[]): void {
    // Counters are summed per series and incremented once per batch (a batch is mostly one version).
    let current: Series | undefined;
    let count = 0;
    let errors = 0;
    const flush = () => {
      if (current === undefined || count === 0) return;
      const labels = { model: current.model, version: current.version };
      this.predictions.inc(labels, count);
      if (errors > 0) this.errors.inc(labels, errors);
    };
    for (const { row, violations } of batch) {
      if (current === undefined || current.model !== row.model || current.version !== row.version) {
        flush();
        current = this.seriesOf(row.model, row.version);
        count = 0;
        errors = 0;
      }
      count++;
      if (row.error !== null) errors++;
      if (row.latencyMs !== null) current.latency.observe(row.latencyMs / 1000);
      if (row.score !== null) current.score.observe(row.score);
      else if (row.predictionNum !== null && row.error === null) current.value?.observe(row.predictionNum);
      if (violations.length > 0) this.recordViolations(row.model, row.version, violations);
    }
    flush();
  }

  private recordViolations(model: string, version: string, violations: readonly Violation[]): void {
    const known = this.knownFeatures.get(`${model}\u0000${version}`);
    for (const v of violations) {
      const name = v.field.startsWith("features.") ? v.field.slice(9) : v.field;
      const feature = v.field.startsWith("features.")
        ? known?.has(name)
          ? name
          : "_other"
        : v.field.split(".")[0];
      this.violations.inc({ model, version, feature: feature ?? "_other", kind: v.kind });
    }
  }

  recordLabels(model: string, count: number): void {
    this.labels.inc({ model }, count);
  }

  recordRejected(model: string, kind: "prediction" | "label", count: number): void {
    if (count > 0) this.rejected.inc({ model, kind }, count);
  }
}
