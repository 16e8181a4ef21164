import { afterEach, describe, expect, it } from "vitest";
import { Sightline } from "./sightline.js";
import type { SightlineError } from "./sightline-error.js";
import type { SightlineOptions } from "./sightline-options.js";
import { acceptAll, type Collector, refusedUrl, startCollector } from "./testing/collector.js";
import { DROP_REASONS, type DropReason, type SightlineStats } from "./types.js";

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function collector(...args: Parameters<typeof startCollector>): Promise<Collector> {
  const c = await startCollector(...args);
  open.push(c);
  return c;
}

interface Observed {
  drops: Record<DropReason, number>;
  errors: SightlineError[];
}

function client(options: SightlineOptions): { sl: Sightline; seen: Observed } {
  const seen: Observed = {
    drops: { buffer_full: 0, invalid: 0, rejected: 0, retries_exhausted: 0, closed: 0 },
    errors: [],
  };
  const sl = new Sightline({
    onDrop: (n, reason) => {
      seen.drops[reason] += n;
    },
    onError: (e) => seen.errors.push(e as SightlineError),
    ...options,
  });
  open.push(sl);
  return { sl, seen };
}

function droppedTotal(s: SightlineStats): number {
  return DROP_REASONS.reduce((sum, r) => sum + s.dropped[r], 0);
}

function expectBalanced(s: SightlineStats): void {
  expect(s.sent + droppedTotal(s) + s.buffered).toBe(s.logged);
}

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("Sightline against a live collector", () => {
  it("sends valid NDJSON with the right path and headers, in batches of at most batchSize", async () => {
    const c = await collector();
    const { sl } = client({ url: `${c.url}/`, apiKey: "k-123", batchSize: 3 });
    const m = sl.model("fraud/v2 model", { version: "7", tags: { region: "eu" } });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(m.log({ features: { x: i, city: "Oslo", ok: true, none: null }, prediction: i % 2 }));
    }
    await sl.flush();
    expect(c.requests.map((r) => r.records.length)).toEqual([3, 3, 1]);
    for (const r of c.requests) {
      expect(r.method).toBe("POST");
      expect(r.path).toBe("/api/v1/models/fraud%2Fv2%20model/predictions");
      expect(r.headers["content-type"]).toBe("application/x-ndjson");
      expect(r.headers.authorization).toBe("Bearer k-123");
      expect(r.body.endsWith("\n")).toBe(true);
    }
    const records = c.requests.flatMap((r) => r.records);
    expect(records.map((r) => r.id)).toEqual(ids);
    expect(records[4]).toMatchObject({
      version: "7",
      features: { x: 4, city: "Oslo", ok: true, none: null },
      prediction: 0,
      tags: { region: "eu" },
    });
    expect(typeof records[0]!.timestamp).toBe("number");
    expect(Math.abs((records[0]!.timestamp as number) - Date.now())).toBeLessThan(5000);
    expect(sl.stats()).toMatchObject({ logged: 7, sent: 7, buffered: 0, retries: 0 });
  });

  it("sends a partial batch after flushIntervalMs without flush()", async () => {
    const c = await collector();
    const { sl } = client({ url: c.url, batchSize: 100, flushIntervalMs: 40 });
    const m = sl.model("m", { version: "1" });
    m.log({ features: { a: 1 }, prediction: 1 });
    m.log({ features: { a: 2 }, prediction: 0 });
    expect(c.requests).toHaveLength(0);
    await until(() => c.requests.length > 0);
    expect(c.requests[0]!.records).toHaveLength(2);
  });

  it("sends labels to the labels endpoint", async () => {
    const c = await collector();
    const { sl } = client({ url: c.url });
    const m = sl.model("m", { version: "1" });
    const id = m.log({ features: { a: 1 }, prediction: 1 });
    m.label(id, 1, new Date("2024-06-01T00:00:00Z"));
    m.label(id, "late");
    await sl.flush();
    const labels = c.requests.find((r) => r.path === "/api/v1/models/m/labels");
    expect(labels?.records).toEqual([
      { id, label: 1, timestamp: "2024-06-01T00:00:00.000Z" },
      { id, label: "late" },
    ]);
    expect(sl.stats()).toMatchObject({ logged: 3, sent: 3 });
  });

  it("with the server down, never throws, keeps the buffer bounded and counts every drop", async () => {
    const url = await refusedUrl();
    const { sl, seen } = client({ url, batchSize: 100, maxBufferSize: 1000, maxRetries: 2, retryBaseMs: 1 });
    const m = sl.model("m", { version: "1" });
    let maxBuffered = 0;
    for (let i = 0; i < 100_000; i++) {
      m.log({ features: { i }, prediction: 0 });
      if (i % 1000 === 0) maxBuffered = Math.max(maxBuffered, sl.stats().buffered);
    }
    await until(() => sl.stats().dropped.retries_exhausted > 0);
    expect(maxBuffered).toBeLessThanOrEqual(1000);
    await sl.close();
    const s = sl.stats();
    expect(s.logged).toBe(100_000);
    expect(s.sent).toBe(0);
    expect(s.buffered).toBe(0);
    expect(s.dropped.buffer_full).toBeGreaterThan(90_000);
    expect(s.dropped.retries_exhausted).toBeGreaterThan(0);
    expect(s.retries).toBeGreaterThanOrEqual(2);
    expectBalanced(s);
    expect(seen.drops).toEqual(s.dropped);
    expect(seen.errors.some((e) => e.code === "SL_SDK_RETRIES_EXHAUSTED")).toBe(true);
  });

  it("with a slow server, log() returns at once and no batch is sent twice", async () => {
    const delayMs = 200;
    const c = await collector((req) => ({ ...acceptAll(req), delayMs }));
    const { sl } = client({ url: c.url, batchSize: 2500, maxBufferSize: 20_000 });
    const m = sl.model("m", { version: "1" });
    const ids: string[] = [];
    m.log({ features: { warm: 1 }, prediction: 0 });
    await until(() => c.requests.length === 0);
    const start = performance.now();
    for (let i = 0; i < 10_000; i++) ids.push(m.log({ features: { i }, prediction: i }));
    const elapsedMs = performance.now() - start;
    expect(elapsedMs).toBeLessThan(delayMs / 2);
    await sl.flush();
    const got = c.accepted.map((r) => r.id);
    expect(new Set(got).size).toBe(got.length);
    expect(got).toHaveLength(10_001);
    expect(new Set(got)).toEqual(new Set([...ids, got[0]]));
    expect(c.maxConcurrent()).toBe(1);
  });

  it("retries 503s with backoff and delivers every record exactly once after recovery", async () => {
    const c = await collector((req, i) =>
      i < 3 ? { status: 503, body: { error: "busy" } } : acceptAll(req),
    );
    const { sl, seen } = client({ url: c.url, batchSize: 5, retryBaseMs: 5 });
    const m = sl.model("m", { version: "1" });
    const ids = Array.from({ length: 10 }, (_, i) => m.log({ features: { i }, prediction: 1 }));
    await sl.flush();
    expect(c.accepted.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(c.requests).toHaveLength(5);
    expect(sl.stats()).toMatchObject({ logged: 10, sent: 10, retries: 3, buffered: 0 });
    expect(droppedTotal(sl.stats())).toBe(0);
    expect(seen.errors).toEqual([]);
  });

  it("drops a 400 batch as rejected without retrying, and reports why", async () => {
    const c = await collector(() => ({
      status: 400,
      body: {
        error: { message: "bad records" },
        rejected: [{ index: 1, field: "features.x", reason: "type" }],
      },
    }));
    const { sl, seen } = client({ url: c.url, batchSize: 4, retryBaseMs: 1 });
    const m = sl.model("m", { version: "1" });
    for (let i = 0; i < 4; i++) m.log({ features: { x: i }, prediction: 0 });
    await sl.flush();
    expect(c.requests).toHaveLength(1);
    expect(sl.stats()).toMatchObject({ sent: 0, retries: 0, buffered: 0 });
    expect(sl.stats().dropped.rejected).toBe(4);
    expect(seen.drops.rejected).toBe(4);
    const error = seen.errors[0]!;
    expect(error.code).toBe("SL_SDK_REJECTED");
    expect(error.message).toContain("bad records");
    expect(error.details).toMatchObject({ model: "m", status: 400, count: 4 });
    expect(error.details.rejected).toEqual([{ index: 1, field: "features.x", reason: "type" }]);
  });

  it("does not retry a 401 either", async () => {
    const c = await collector(() => ({ status: 401, body: { error: { message: "unauthorised" } } }));
    const { sl } = client({ url: c.url, retryBaseMs: 1 });
    sl.model("m", { version: "1" }).log({ features: { x: 1 }, prediction: 0 });
    await sl.flush();
    expect(c.requests).toHaveLength(1);
    expect(sl.stats().dropped.rejected).toBe(1);
  });

  it("counts per-record rejections of a 200 and the rest as sent", async () => {
    const c = await collector((req) => ({
      status: 200,
      body: {
        accepted: req.records.length - 2,
        ids: [],
        rejected: [
          { index: 0, field: "trace_id", reason: "format" },
          { index: 3, field: "features", reason: "type" },
        ],
      },
    }));
    const { sl, seen } = client({ url: c.url, batchSize: 5 });
    const m = sl.model("m", { version: "1" });
    for (let i = 0; i < 5; i++) m.log({ features: { x: i }, prediction: 0 });
    await sl.flush();
    expect(sl.stats()).toMatchObject({ sent: 3, buffered: 0 });
    expect(sl.stats().dropped.rejected).toBe(2);
    expect(seen.errors[0]?.details.rejected).toHaveLength(2);
  });

  it("splits a batch in halves on 413 until the pieces fit", async () => {
    const c = await collector((req) => (req.records.length > 2 ? { status: 413 } : acceptAll(req)));
    const { sl } = client({ url: c.url, batchSize: 5 });
    const m = sl.model("m", { version: "1" });
    const ids = Array.from({ length: 5 }, (_, i) => m.log({ features: { i }, prediction: 0 }));
    await sl.flush();
    expect(c.requests.map((r) => r.records.length)).toEqual([5, 3, 2, 1, 2]);
    expect(c.accepted.map((r) => r.id)).toEqual(ids);
    expect(sl.stats()).toMatchObject({ sent: 5, retries: 0 });
  });

  it("drops a single record the server finds too large", async () => {
    const c = await collector(() => ({ status: 413 }));
    const { sl, seen } = client({ url: c.url });
    sl.model("m", { version: "1" }).log({ features: { big: "x".repeat(1000) }, prediction: 0 });
    await sl.flush();
    expect(sl.stats().dropped.rejected).toBe(1);
    expect(seen.errors[0]?.details.status).toBe(413);
  });

  it("encodes NaN and infinities as strings", async () => {
    const c = await collector();
    const { sl } = client({ url: c.url });
    const m = sl.model("m", { version: "1" });
    m.log({
      features: { a: Number.NaN, b: Number.POSITIVE_INFINITY, c: Number.NEGATIVE_INFINITY, d: 1.5 },
      prediction: Number.NaN,
      scores: [Number.POSITIVE_INFINITY, 0.25],
    });
    await sl.flush();
    expect(c.requests[0]!.body).toContain('"a":"NaN","b":"Infinity","c":"-Infinity","d":1.5');
    expect(c.requests[0]!.records[0]).toMatchObject({ prediction: "NaN", scores: ["Infinity", 0.25] });
  });

  it("drops and counts invalid input without throwing", async () => {
    const c = await collector();
    const { sl, seen } = client({ url: c.url });
    const m = sl.model("m", { version: "1" });
    const garbage: unknown[] = [
      null,
      "garbage",
      42,
      { prediction: 1 },
      { features: 5 },
      { features: [1, 2] },
      { features: { nested: { no: 1 } } },
      { features: { f: () => 1 } },
      { features: { a: 1 }, traceId: "XYZ" },
      { features: { a: 1 }, version: 7 },
      { features: { a: 1 }, timestamp: "not a date" },
      { features: { a: 1 }, latencyMs: -1 },
      { features: { a: 1 }, tags: { n: 1 } },
    ];
    for (const g of garbage) expect(typeof m.log(g as never)).toBe("string");
    expect(typeof sl.model("").log({ features: { a: 1 } })).toBe("string");
    expect(typeof sl.model(undefined as never).log({ features: { a: 1 } })).toBe("string");
    const throwing = {
      get features(): never {
        throw new Error("boom");
      },
    };
    expect(typeof m.log(throwing as never)).toBe("string");
    m.label("", 1);
    m.log({ features: { ok: 1 }, prediction: 1 });
    await sl.flush();
    const s = sl.stats();
    expect(s.dropped.invalid).toBe(garbage.length + 4);
    expect(s.sent).toBe(1);
    expect(seen.drops.invalid).toBe(garbage.length + 4);
    expect(seen.errors.filter((e) => e.code === "SL_SDK_INVALID_OPTION")).toHaveLength(2);
    expectBalanced(s);
  });

  it("drops and counts records logged after close()", async () => {
    const c = await collector();
    const { sl, seen } = client({ url: c.url });
    const m = sl.model("m", { version: "1" });
    m.log({ features: { a: 1 }, prediction: 1 });
    await sl.close();
    expect(c.accepted).toHaveLength(1);
    m.log({ features: { a: 2 }, prediction: 1 });
    m.label("x", 1);
    await sl.close();
    await sl.flush();
    expect(sl.stats()).toMatchObject({ logged: 3, sent: 1, buffered: 0 });
    expect(sl.stats().dropped.closed).toBe(2);
    expect(seen.drops.closed).toBe(2);
  });

  it("survives hooks that throw", async () => {
    const url = await refusedUrl();
    const sl = new Sightline({
      url,
      maxBufferSize: 1,
      maxRetries: 0,
      onDrop: () => {
        throw new Error("drop hook");
      },
      onError: () => {
        throw new Error("error hook");
      },
    });
    open.push(sl);
    const m = sl.model("m", { version: "1" });
    for (let i = 0; i < 5; i++) m.log({ features: { i }, prediction: 0 });
    await sl.close();
    expect(sl.stats().dropped).toMatchObject({ buffer_full: 4, retries_exhausted: 1 });
  });

  it("keeps no referenced timer that would hold the process open", () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const before = timers();
    const sl = new Sightline({ url: "http://127.0.0.1:9" });
    expect(timers()).toBe(before);
    void sl.close();
  });

  it("rejects invalid options in the constructor, naming the option", () => {
    expect(() => new Sightline({ url: "" })).toThrow(/"url"/);
    expect(() => new Sightline({ url: "ftp://x" })).toThrow(/"url"/);
    expect(() => new Sightline({ url: "http://x", batchSize: 0 })).toThrow(/"batchSize"/);
    expect(() => new Sightline({ url: "http://x", maxRetries: 1.5 })).toThrow(/"maxRetries"/);
    expect(() => new Sightline({ url: "http://x", onDrop: 3 as never })).toThrow(/"onDrop"/);
    expect(() => new Sightline({ url: "http://x", apiKey: "" })).toThrow(/"apiKey"/);
  });
});

describe("Sightline.model with unreadable options", () => {
  it("reports and drops instead of throwing", async () => {
    const errors: Error[] = [];
    const sl = new Sightline({ url: "http://127.0.0.1:9", onError: (e) => errors.push(e) });
    open.push(sl);
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("no");
        },
        ownKeys() {
          throw new Error("no");
        },
      },
    );
    const m = sl.model("m", hostile as never);
    expect(typeof m.log({ features: { a: 1 } })).toBe("string");
    expect(sl.model("m", { tags: hostile as never }).name).toBe("m");
    expect(sl.model("m", { version: 3 as never }).name).toBe("m");
    await sl.flush();
    expect(errors.map((e) => e.message)).toEqual([
      "model options could not be read; its records will be dropped",
      "model options could not be read; its records will be dropped",
      'model "m": version must be a non-empty string; its records will be dropped',
    ]);
    expect(sl.stats().dropped.invalid).toBe(1);
  });
});
