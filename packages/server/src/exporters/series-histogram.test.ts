import fc from "fast-check";
import { Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { SeriesHistogram } from "./series-histogram.js";

const buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

// prom-client's own Histogram, fed the same values, is the reference for the exposition text.
async function both(values: readonly [string, number][]): Promise<[string, string]> {
  const ours = new Registry();
  const theirs = new Registry();
  const h = new SeriesHistogram("x_seconds", "Latency.", ours, buckets);
  const p = new Histogram({
    name: "x_seconds",
    help: "Latency.",
    labelNames: ["model", "version"],
    buckets,
    registers: [theirs],
  });
  for (const [version, v] of values) {
    h.series("m", version)?.observe(v);
    p.observe({ model: "m", version }, v);
  }
  return [await ours.metrics(), await theirs.metrics()];
}

describe("SeriesHistogram", () => {
  it("writes the same exposition text as prom-client's Histogram for the same values", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.constantFrom("v1", "v2"),
            fc.oneof(fc.constantFrom(...buckets, 0, 20), fc.double({ min: 0, max: 20, noNaN: true })),
          ),
          { maxLength: 200 },
        ),
        async (values) => {
          const [ours, theirs] = await both(values);
          expect(ours).toBe(theirs);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("has no series without buckets, and per-version buckets when set", async () => {
    const registry = new Registry();
    const h = new SeriesHistogram("y", "Values.", registry);
    expect(h.series("m", "v1")).toBeUndefined();
    h.setBuckets("m", "v1", [10, 1, 5, 5, Number.NaN]);
    const s = h.series("m", "v1");
    for (const v of [0, 1, 3, 7, 12, Number.POSITIVE_INFINITY]) s?.observe(v);
    const text = await registry.metrics();
    expect(text).toContain('y_bucket{le="1",model="m",version="v1"} 2');
    expect(text).toContain('y_bucket{le="5",model="m",version="v1"} 3');
    expect(text).toContain('y_bucket{le="10",model="m",version="v1"} 4');
    expect(text).toContain('y_bucket{le="+Inf",model="m",version="v1"} 5');
    expect(text).toContain('y_count{model="m",version="v1"} 5');
    // The same layout again keeps the counts; a new one starts a new series.
    h.setBuckets("m", "v1", [1, 5, 10]);
    expect(h.series("m", "v1")?.count).toBe(5);
    h.setBuckets("m", "v1", [2, 4]);
    expect(h.series("m", "v1")?.count).toBe(0);
  });
});
