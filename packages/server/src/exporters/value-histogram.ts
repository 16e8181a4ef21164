import type { Registry } from "prom-client";

interface Series {
  labels: { model: string; version: string };
  buckets: number[];
  counts: number[];
  sum: number;
  count: number;
}

/**
 * A histogram whose buckets differ per model and version: regression outputs live on any scale, so the
 * buckets come from each version's reference quantiles. prom-client's Histogram fixes one bucket layout per
 * metric, hence this small collector that prom-client's Registry formats like its own metrics.
 */
export class PerSeriesHistogram {
  readonly type = "histogram";
  readonly aggregator = "sum";
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    registry: Registry,
  ) {
    registry.registerMetric(this as never);
  }

  /** Sets the buckets of a series (sorted, deduplicated); resets its counts when the layout changes. */
  setBuckets(model: string, version: string, buckets: readonly number[]): void {
    const sorted = [...new Set(buckets.filter(Number.isFinite))].sort((a, b) => a - b);
    const key = `${model}\u0000${version}`;
    const old = this.series.get(key);
    if (old && old.buckets.length === sorted.length && old.buckets.every((b, i) => b === sorted[i])) return;
    this.series.set(key, {
      labels: { model, version },
      buckets: sorted,
      counts: new Array(sorted.length).fill(0),
      sum: 0,
      count: 0,
    });
  }

  /** Records a value; ignored for series without buckets (no reference yet). */
  observe(model: string, version: string, value: number): void {
    const s = this.series.get(`${model}\u0000${version}`);
    if (!s || !Number.isFinite(value)) return;
    for (let i = 0; i < s.buckets.length; i++)
      if (value <= (s.buckets[i] as number)) (s.counts[i] as number)++;
    s.sum += value;
    s.count++;
  }

  hasSeries(model: string, version: string): boolean {
    return this.series.has(`${model}\u0000${version}`);
  }

  get() {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const s of this.series.values()) {
      s.buckets.forEach((le, i) => {
        values.push({
          labels: { ...s.labels, le },
          value: s.counts[i] as number,
          metricName: `${this.name}_bucket`,
        });
      });
      values.push({ labels: { ...s.labels, le: "+Inf" }, value: s.count, metricName: `${this.name}_bucket` });
      values.push({ labels: s.labels, value: s.sum, metricName: `${this.name}_sum` });
      values.push({ labels: s.labels, value: s.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  reset(): void {
    for (const s of this.series.values()) {
      s.counts.fill(0);
      s.sum = 0;
      s.count = 0;
    }
  }
}
