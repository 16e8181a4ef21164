import type { Registry } from "prom-client";

/** One (model, version) series of a SeriesHistogram: counts per bucket, not cumulative until collected. */
export class HistogramSeries {
  /** counts[i]: values in (buckets[i-1], buckets[i]]; the last slot holds those above every bucket. */
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(
    readonly labels: { model: string; version: string },
    readonly buckets: readonly number[],
  ) {
    this.counts = new Array(buckets.length + 1).fill(0);
  }

  /** Records a value (non-finite values are ignored): a binary search and three additions. */
  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    const b = this.buckets;
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (value <= (b[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    (this.counts[lo] as number)++;
    this.sum += value;
    this.count++;
  }
}

/**
 * A histogram labelled by model and version, formatted by prom-client's Registry like its own metrics.
 * Written by hand for two reasons: regression outputs live on any scale, so their buckets come from each
 * version's reference quantiles (prom-client fixes one layout per metric); and ingestion observes two values
 * per record on the event loop, where prom-client's labelled `observe` (a label hash and a linear bucket
 * scan per call) cost ~0.6 µs a record against ~0.05 µs for a series handle looked up once per batch.
 *
 * @example
 * const latency = new SeriesHistogram("x_seconds", "Latency.", registry, [0.001, 0.01, 0.1]);
 * latency.series("m", "v1")?.observe(0.004);
 */
export class SeriesHistogram {
  readonly type = "histogram";
  readonly aggregator = "sum";
  private readonly all = new Map<string, HistogramSeries>();

  /** With `fixedBuckets`, every series has them and is made on first use; else `setBuckets` makes it. */
  constructor(
    readonly name: string,
    readonly help: string,
    registry: Registry,
    private readonly fixedBuckets?: readonly number[],
  ) {
    registry.registerMetric(this as never);
  }

  /** Sets the buckets of a series (sorted, deduplicated); resets its counts when the layout changes. */
  setBuckets(model: string, version: string, buckets: readonly number[]): void {
    const sorted = [...new Set(buckets.filter(Number.isFinite))].sort((a, b) => a - b);
    const key = `${model}\u0000${version}`;
    const old = this.all.get(key);
    if (old && old.buckets.length === sorted.length && old.buckets.every((b, i) => b === sorted[i])) return;
    this.all.set(key, new HistogramSeries({ model, version }, sorted));
  }

  /** The series of (model, version); undefined without buckets (no fixed ones, no reference yet). */
  series(model: string, version: string): HistogramSeries | undefined {
    const key = `${model}\u0000${version}`;
    let s = this.all.get(key);
    if (!s && this.fixedBuckets) {
      s = new HistogramSeries({ model, version }, this.fixedBuckets);
      this.all.set(key, s);
    }
    return s;
  }

  get() {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const s of this.all.values()) {
      let cumulative = 0;
      s.buckets.forEach((le, i) => {
        cumulative += s.counts[i] as number;
        values.push({ labels: { le, ...s.labels }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { le: "+Inf", ...s.labels }, value: s.count, metricName: `${this.name}_bucket` });
      values.push({ labels: s.labels, value: s.sum, metricName: `${this.name}_sum` });
      values.push({ labels: s.labels, value: s.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  reset(): void {
    for (const s of this.all.values()) {
      s.counts.fill(0);
      s.sum = 0;
      s.count = 0;
    }
  }
}
