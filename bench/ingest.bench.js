// End-to-end ingestion over loopback HTTP: NDJSON batches of 1,000 records with 10 features each, sent by
// a few concurrent clients to a real `sightline serve` process; a batch counts once acknowledged (durable).
// Then a label for each of them, in bodies of the same size (labels/s).
// Compare builds side by side in one run (e.g. the last release's dist against the working copy):
//   BENCH_INGEST_BINS=/tmp/old/packages/server/bin/sightline.js,packages/server/bin/sightline.js \
//   BENCH_INGEST_ROUNDS=3 node bench/ingest.bench.js
// BENCH_NODE_ARGS passes flags to the server's node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof");
// BENCH_INGEST_CONCURRENCY sets the number of clients (default 4); BENCH_INGEST_CONTRACT=1 uploads a
// reference for the version first, so every record is also checked against its contract.
// The clients post pre-encoded bodies with node:http over kept-alive sockets, as a high-volume sender
// would; BENCH_INGEST_CLIENT=fetch posts the same bodies as strings with fetch (about 1.5 µs/record more
// client CPU, which on 2 cores is taken from the server).
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const defaultBin = fileURLToPath(new URL("../packages/server/bin/sightline.js", import.meta.url));
const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(" ") : [];
const totalRecords = Number(process.env.BENCH_INGEST_RECORDS ?? 300_000);
const batchSize = 1000;
const concurrency = Number(process.env.BENCH_INGEST_CONCURRENCY ?? 4);
const clientKind = process.env.BENCH_INGEST_CLIENT ?? "http";
const withContract = process.env.BENCH_INGEST_CONTRACT === "1";

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// CPU seconds (user + system) the server process has used so far, from /proc (Linux); null elsewhere.
// Wall-clock throughput on a shared machine is noisy; CPU time per record is what a change saves.
// With `thread`, only that thread's (the main thread's id is the process id: the event loop).
function cpuSeconds(pid, thread) {
  try {
    const path = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
    const fields = readFileSync(path, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

// CPU seconds per thread id (the event loop, the validation worker, libuv's pool, V8's and DuckDB's
// threads: Node names them all "node", so ids it is): where the server's CPU goes. Empty without /proc.
function cpuByThread(pid) {
  const byThread = {};
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) byThread[tid] = cpuSeconds(pid, tid) ?? 0;
  } catch {}
  return byThread;
}

async function waitReady(url) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("server did not become ready");
}

// One POST of an NDJSON body; resolves to the status and the parsed JSON answer.
function postHttp(agent, url, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/x-ndjson", "content-length": body.length },
      },
      (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              json: JSON.parse(Buffer.concat(chunks).toString("utf8")),
            });
          } catch (error) {
            reject(error);
          }
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function postFetch(url, body) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson" },
    body,
  });
  return { status: res.status, json: await res.json() };
}

function featuresOf(n) {
  const features = {};
  for (let f = 0; f < 8; f++) features[`f${f}`] = ((n * 7919 + f * 104729) % 10007) / 100;
  features.origin = `A${n % 50}`;
  features.weekend = n % 7 >= 5;
  return features;
}

// A reference drawn like the records (same ranges and categories), as the version's training data would be.
async function uploadReference(url) {
  const lines = Array.from({ length: 5000 }, (_, n) =>
    JSON.stringify({ ...featuresOf(n * 13), prediction: n % 2 }),
  );
  const res = await fetch(`${url}/api/v1/models/bench/versions/v1/reference`, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson" },
    body: `${lines.join("\n")}\n`,
  });
  if (!res.ok) throw new Error(`reference upload failed: ${res.status} ${await res.text()}`);
}

function makeBatch(offset) {
  const lines = [];
  const t0 = Date.UTC(2001, 1, 1);
  for (let i = 0; i < batchSize; i++) {
    const n = offset + i;
    const features = featuresOf(n);
    const p = ((n * 31) % 1000) / 1000;
    lines.push(
      JSON.stringify({
        id: `r${n}`,
        timestamp: t0 + n * 1000,
        version: "v1",
        features,
        prediction: p > 0.5 ? 1 : 0,
        scores: { 0: 1 - p, 1: p },
        latency_ms: 2.5,
      }),
    );
  }
  return `${lines.join("\n")}\n`;
}

export async function benchIngest(bin = defaultBin) {
  const dataDir = mkdtempSync(join(tmpdir(), "sl-bench-ingest-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [...nodeArgs, bin, "serve", "--port", String(port), "--data-dir", dataDir, "--log-level", "error"],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  try {
    await waitReady(url);
    if (withContract) await uploadReference(url);
    const batches = [];
    for (let o = 0; o < totalRecords; o += batchSize) {
      const text = makeBatch(o);
      batches.push(clientKind === "fetch" ? text : Buffer.from(text));
    }
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    const predictionsUrl = `${url}/api/v1/models/bench/predictions`;
    // Posts every body with `concurrency` clients; resolves to the records acknowledged.
    async function postAll(bodies, target) {
      let next = 0;
      let acknowledged = 0;
      async function client() {
        while (next < bodies.length) {
          const body = bodies[next++];
          const { status, json } =
            clientKind === "fetch" ? await postFetch(target, body) : await postHttp(agent, target, body);
          if (status !== 200)
            throw new Error(`ingest failed: ${status} ${JSON.stringify(json).slice(0, 300)}`);
          acknowledged += json.accepted;
        }
      }
      await Promise.all(Array.from({ length: concurrency }, client));
      return acknowledged;
    }
    const cpuBefore = cpuSeconds(child.pid);
    const loopBefore = cpuSeconds(child.pid, child.pid);
    const threadsBefore = cpuByThread(child.pid);
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    const acknowledged = await postAll(batches, predictionsUrl);
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpuSeconds(child.pid);
    const loopAfter = cpuSeconds(child.pid, child.pid);
    const threadsAfter = cpuByThread(child.pid);
    const threadUsPerRecord = Object.entries(threadsAfter)
      .map(([tid, s]) => [tid, (((s - (threadsBefore[tid] ?? 0)) * 1e6) / acknowledged).toFixed(1)])
      .filter(([, us]) => Number(us) > 0)
      .sort((a, b) => Number(b[1]) - Number(a[1]))
      .map(([tid, us]) => `${tid === String(child.pid) ? "event loop" : tid} ${us}`)
      .join(", ");
    const client = process.cpuUsage(clientBefore);
    const serverCpuUsPerRecord =
      cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1e6) / acknowledged;
    const loopCpuUsPerRecord =
      loopBefore === null || loopAfter === null ? null : ((loopAfter - loopBefore) * 1e6) / acknowledged;
    // Then a label for every prediction, in bodies of the same size: a backfill of ground truth.
    const labelBodies = [];
    for (let o = 0; o < acknowledged; o += batchSize) {
      const lines = [];
      for (let n = o; n < Math.min(o + batchSize, acknowledged); n++)
        lines.push(JSON.stringify({ id: `r${n}`, label: n % 3 === 0 ? 1 : 0 }));
      const text = `${lines.join("\n")}\n`;
      labelBodies.push(clientKind === "fetch" ? text : Buffer.from(text));
    }
    const labelsStarted = performance.now();
    const labels = await postAll(labelBodies, `${url}/api/v1/models/bench/labels`);
    const labelSeconds = (performance.now() - labelsStarted) / 1000;
    agent.destroy();
    const stored = (await (await fetch(`${url}/api/v1/models`)).json()).models[0].predictions;
    return {
      records: acknowledged,
      stored,
      seconds,
      perSecond: acknowledged / seconds,
      labelsPerSecond: labels / labelSeconds,
      serverCpuUsPerRecord,
      loopCpuUsPerRecord,
      threadUsPerRecord,
      clientCpuUsPerRecord: (client.user + client.system) / acknowledged,
    };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bins = (process.env.BENCH_INGEST_BINS ?? defaultBin).split(",");
  const rounds = Number(process.env.BENCH_INGEST_ROUNDS ?? 1);
  // Rounds alternate between builds so that a busy spell on the shared machine hits each of them alike.
  for (let round = 0; round < rounds; round++) {
    for (const bin of bins) {
      const r = await benchIngest(bin);
      console.log(
        `ingest: ${r.records} records in ${r.seconds.toFixed(2)} s = ${Math.round(r.perSecond).toLocaleString("en-US")} predictions/s (stored ${r.stored}; server CPU ${r.serverCpuUsPerRecord?.toFixed(1) ?? "?"} µs/record of which event loop ${r.loopCpuUsPerRecord?.toFixed(1) ?? "?"}, client CPU ${r.clientCpuUsPerRecord.toFixed(1)} µs/record)${bins.length > 1 ? ` ${bin}` : ""}`,
      );
      console.log(`  server CPU µs/record by thread: ${r.threadUsPerRecord}`);
      console.log(`  labels for them: ${Math.round(r.labelsPerSecond).toLocaleString("en-US")} labels/s`);
    }
  }
}
