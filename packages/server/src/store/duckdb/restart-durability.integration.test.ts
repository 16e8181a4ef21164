import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../test-support/api-client.js";
import { freePort } from "../../test-support/free-port.js";
import { runSightline } from "../../test-support/run-sightline.js";
import { mulberry32 } from "../../test-support/seeded-random.js";
import { type ServerProcess, startServerProcess } from "../../test-support/server-process.js";
import { makeTempDir, removeTempDir } from "../../test-support/temp-dir.js";

const model = "durable";
// Half the senders post small bodies (validated on the main thread), half bodies over the 32 KiB
// threshold that ingestion hands to its validation worker: both paths must be durable on ack.
const batchSizes = [250, 250, 1000, 1000];
const senders = batchSizes.length;

interface Stream {
  acknowledged: string[][];
  sentRecords: number;
  /** Requests under way when the kill was sent. */
  inFlightAtKill: number;
}

/**
 * Runs `senders` loops posting NDJSON batches with unique ids; after `killAfter` acknowledged batches it
 * sends `signal` to the server while the other loops still have requests in flight. Loops end at the first
 * failed or refused request (the server is gone or going).
 */
async function streamUntilKilled(
  server: ServerProcess,
  round: number,
  killAfter: number,
  signal: NodeJS.Signals,
  kind: "predictions" | "labels" = "predictions",
): Promise<Stream> {
  const api = new ApiClient(server.url);
  const stream: Stream = { acknowledged: [], sentRecords: 0, inFlightAtKill: 0 };
  let inFlight = 0;
  let killed: Promise<unknown> | undefined;
  const loop = async (sender: number) => {
    for (let n = 0; n < 10_000 && !killed; n++) {
      const batchSize = batchSizes[sender] ?? 250;
      const ids = Array.from({ length: batchSize }, (_, i) => `r${round}-s${sender}-b${n}-${i}`);
      const lines = ids.map((id, i) =>
        kind === "labels"
          ? { id, label: i % 2 }
          : { id, features: { x: i, s: `s${sender}` }, prediction: i % 2 },
      );
      stream.sentRecords += ids.length;
      let status: number;
      inFlight++;
      try {
        const answer = await api.postNdjson(`/api/v1/models/${model}/${kind}`, lines);
        status = answer.status;
        if (status === 200) expect(answer.json.accepted).toBe(batchSize);
      } catch {
        return;
      } finally {
        inFlight--;
      }
      if (status !== 200) {
        if (killed) return;
        throw new Error(`batch answered ${status} before the kill`);
      }
      stream.acknowledged.push(ids);
      if (stream.acknowledged.length >= killAfter && !killed) {
        stream.inFlightAtKill = inFlight;
        killed = server.kill(signal);
      }
    }
  };
  await Promise.all(Array.from({ length: senders }, (_, s) => loop(s)));
  const exit = await (killed ?? server.kill(signal));
  expect(exit).toEqual(signal === "SIGKILL" ? { code: null, signal } : { code: 0, signal: null });
  return stream;
}

describe("durability of acknowledged predictions and labels across kill -9", () => {
  let dataDir: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    dataDir = await makeTempDir("sightline-it-durable-");
  });

  afterAll(async () => {
    await server?.stop();
    if (dataDir) await removeTempDir(dataDir);
  });

  it("keeps every acknowledged id after the server is killed mid-stream (kill -9 twice, then SIGTERM) and restarted", async () => {
    server = await startServerProcess({ dataDir });
    const setup = new ApiClient(server.url);
    const uploaded = await setup.request(
      "POST",
      `/api/v1/models/${model}/versions/v1/reference`,
      "x,s\n1,s0\n2,s1\n",
      "text/csv",
    );
    expect(uploaded.status).toBe(201);

    const acknowledged: string[] = [];
    let sentRecords = 0;
    for (const [round, killAfter, signal] of [
      [1, 12, "SIGKILL"],
      [2, 30, "SIGKILL"],
      [3, 20, "SIGTERM"],
    ] as const) {
      const stream = await streamUntilKilled(server, round, killAfter, signal);
      for (const ids of stream.acknowledged) acknowledged.push(...ids);
      sentRecords += stream.sentRecords;
      expect(stream.acknowledged.length).toBeGreaterThanOrEqual(killAfter);
      expect(stream.inFlightAtKill).toBeGreaterThan(0);

      server = await startServerProcess({ dataDir });
      const api = new ApiClient(server.url);
      const summary = (await api.get("/api/v1/models")).json.models.find(
        (m: { model: string }) => m.model === model,
      );
      expect(summary.predictions).toBeGreaterThanOrEqual(acknowledged.length);
      expect(summary.predictions).toBeLessThanOrEqual(sentRecords);
      const pick = mulberry32(round);
      const sample = [
        ...stream.acknowledged.map((ids) => ids.at(-1) as string),
        ...Array.from(
          { length: 100 },
          () => acknowledged[Math.floor(pick() * acknowledged.length)] as string,
        ),
      ];
      for (const id of sample) {
        const found = await api.get(`/api/v1/models/${model}/predictions/${id}`);
        expect(found.status, id).toBe(200);
      }
      expect((await api.get(`/api/v1/models/${model}/versions/v1/contract`)).status).toBe(200);
    }

    // Every acknowledged id, read from the DuckDB file itself once the server has let go of it.
    const after = new ApiClient(server.url);
    const extra = await after.postJson(`/api/v1/models/${model}/predictions`, [
      { id: "after-restart", features: { x: 1 }, prediction: 1 },
    ]);
    expect(extra.json.accepted).toBe(1);
    const exit = await server.stop();
    expect(exit.code).toBe(0);
    server = undefined;
    const instance = await DuckDBInstance.create(join(dataDir, "sightline.duckdb"), {
      access_mode: "READ_ONLY",
    });
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll("SELECT id FROM predictions WHERE model = $1", [model]);
      const stored = new Set(reader.getRowObjectsJS().map((r) => r.id as string));
      const missing = acknowledged.filter((id) => !stored.has(id));
      expect(missing).toEqual([]);
      expect(stored.has("after-restart")).toBe(true);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }, 60_000);

  it("keeps every acknowledged label after kill -9, and takes corrections after the restart", async () => {
    server = await startServerProcess({ dataDir });
    const stream = await streamUntilKilled(server, 9, 20, "SIGKILL", "labels");
    expect(stream.inFlightAtKill).toBeGreaterThan(0);
    const acknowledged = stream.acknowledged.flat();
    server = await startServerProcess({ dataDir });
    // A correction of labels already stored (the upsert's slow path) after the restart.
    const corrected = (stream.acknowledged[0] ?? []).map((id) => ({ id, label: 7 }));
    const answer = await new ApiClient(server.url).postNdjson(`/api/v1/models/${model}/labels`, corrected);
    expect(answer.json.accepted).toBe(corrected.length);
    expect((await server.stop()).code).toBe(0);
    server = undefined;
    const instance = await DuckDBInstance.create(join(dataDir, "sightline.duckdb"), {
      access_mode: "READ_ONLY",
    });
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll("SELECT id, label FROM labels WHERE model = $1", [model]);
      const stored = new Map(reader.getRowObjectsJS().map((r) => [r.id as string, r.label as string]));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      expect(corrected.every(({ id }) => stored.get(id) === "7")).toBe(true);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }, 60_000);

  it("refuses a second server on the same data dir, saying the file is locked", async () => {
    server = await startServerProcess({ dataDir });
    const port = String(await freePort());
    const second = await runSightline(["serve", "--port", port, "--data-dir", dataDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/cannot open DuckDB file .*sightline\.duckdb: .*lock/);
    expect((await new ApiClient(server.url).get("/readyz")).status).toBe(200);
  });
});
