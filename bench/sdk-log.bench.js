// Cost of one `m.log()` call next to prom-client's `Histogram.observe()`, measured in the same run.
// Each sample times a chunk of calls with process.hrtime.bigint(); the median over chunks is reported
// in ns per call. The SDK sends to an in-process fetch stub (no network), drained between chunks
// outside the timed region, so log() always takes its normal queueing path (no buffer_full drops).
// Run: npx tsc -b packages/sdk && node bench/sdk-log.bench.js [totalCalls]
import client from "prom-client";
import { Sightline } from "../packages/sdk/dist/index.js";

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const CHUNK = 1000;
const CHUNKS = Math.max(10, Math.floor(TOTAL / CHUNK));
const FEATURES = 10;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

async function measure(name, setup, body, between) {
  const samples = [];
  const state = await setup();
  for (let warm = 0; warm < 20; warm++) {
    for (let i = 0; i < CHUNK; i++) body(state, i);
    if (between) await between(state);
  }
  for (let c = 0; c < CHUNKS; c++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < CHUNK; i++) body(state, i);
    const t1 = process.hrtime.bigint();
    samples.push(Number(t1 - t0) / CHUNK);
    if (between) await between(state);
  }
  return { name, calls: CHUNKS * CHUNK, median_ns: median(samples), p90_ns: quantile(samples, 0.9), state };
}

const okFetch = async (_url, init) => {
  const n = init.body.split("\n").length - 1;
  return new Response(JSON.stringify({ accepted: n, ids: [], rejected: [] }), { status: 200 });
};

function makeRecords() {
  return Array.from({ length: CHUNK }, (_, i) => {
    const features = {};
    for (let f = 0; f < FEATURES; f++) features[`f${f}`] = i * 0.5 + f;
    return { features, prediction: i % 2, latencyMs: 1.5 };
  });
}

async function sdkSetup() {
  const sl = new Sightline({ url: "http://127.0.0.1:9", fetch: okFetch, flushIntervalMs: 60_000 });
  return { sl, m: sl.model("bench", { version: "1" }), records: makeRecords() };
}

const results = [];

results.push(
  await measure(
    "sdk m.log() (record prebuilt)",
    sdkSetup,
    (s, i) => s.m.log(s.records[i]),
    (s) => s.sl.flush(),
  ),
);

results.push(
  await measure(
    "sdk m.log() (record literal built per call)",
    sdkSetup,
    (s, i) =>
      s.m.log({
        features: { f0: i, f1: i + 1, f2: i + 2, f3: "a", f4: true, f5: i, f6: i, f7: i, f8: i, f9: null },
        prediction: i & 1,
      }),
    (s) => s.sl.flush(),
  ),
);

results.push(
  await measure(
    "prom-client Histogram.observe(labels, v)",
    async () => {
      const registry = new client.Registry();
      const h = new client.Histogram({
        name: "bench_latency_seconds",
        help: "bench",
        labelNames: ["model", "version"],
        registers: [registry],
      });
      return { h, labels: { model: "bench", version: "1" } };
    },
    (s, i) => s.h.observe(s.labels, (i % 100) / 1000),
  ),
);

results.push(
  await measure(
    "prom-client Histogram.observe(v)",
    async () => {
      const registry = new client.Registry();
      return {
        h: new client.Histogram({ name: "bench_plain_seconds", help: "bench", registers: [registry] }),
      };
    },
    (s, i) => s.h.observe((i % 100) / 1000),
  ),
);

for (const r of results) {
  if (r.state.sl) {
    await r.state.sl.close();
    const st = r.state.sl.stats();
    r.sent = st.sent;
    r.dropped = Object.values(st.dropped).reduce((a, b) => a + b, 0);
  }
  delete r.state;
}

console.log(`node ${process.version}, ${CHUNKS} chunks x ${CHUNK} calls, ${FEATURES} features per record`);
console.log("| what | median ns/call | p90 ns/call |");
console.log("| --- | ---: | ---: |");
for (const r of results) console.log(`| ${r.name} | ${r.median_ns.toFixed(0)} | ${r.p90_ns.toFixed(0)} |`);
console.log(JSON.stringify({ bench: "sdk-log", node: process.version, chunk: CHUNK, results }));
