import { afterEach, describe, expect, it } from "vitest";
import { Sightline } from "./sightline.js";
import { type Collector, startCollector } from "./testing/collector.js";

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function setup(): Promise<{ c: Collector; sl: Sightline }> {
  const c = await startCollector();
  const sl = new Sightline({ url: c.url, onError: () => {} });
  open.push(c, sl);
  return { c, sl };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("ModelLogger.wrap", () => {
  it("passes a sync result through unchanged and logs features, prediction, latency and the id", async () => {
    const { c, sl } = await setup();
    const m = sl.model("m", { version: "1" });
    const result = { label: "yes", probabilities: { yes: 0.75, no: 0.25 } };
    const ids: string[] = [];
    const predict = m.wrap((x: { a: number; city: string }) => (x.a > 0 ? result : result), {
      prediction: (r) => r.label,
      scores: (r) => r.probabilities,
      onLogged: (id) => ids.push(id),
    });
    const input = { a: 2, city: "Oslo" };
    expect(predict(input)).toBe(result);
    await sl.flush();
    const rec = c.accepted[0]!;
    expect(rec).toMatchObject({
      id: ids[0],
      version: "1",
      features: input,
      prediction: "yes",
      scores: { yes: 0.75, no: 0.25 },
    });
    expect(rec.latency_ms).toBeGreaterThanOrEqual(0);
    expect(rec.error).toBeUndefined();
  });

  it("passes an async result through, measuring latency until it settles", async () => {
    const { c, sl } = await setup();
    const m = sl.model("m", { version: "1" });
    const result = [0.1, 0.9];
    const predict = m.wrap(
      async (a: number, b: number) => {
        await sleep(30);
        return a + b > 0 ? result : result;
      },
      { scores: (r) => r },
    );
    const pending = predict(1, 2);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toBe(result);
    await sl.flush();
    const rec = c.accepted[0]!;
    expect(rec.features).toEqual({ "0": 1, "1": 2 });
    expect(rec).not.toHaveProperty("prediction");
    expect(rec.scores).toEqual([0.1, 0.9]);
    expect(rec.latency_ms).toBeGreaterThanOrEqual(25);
  });

  it("rethrows a sync exception as the same object and logs its message", async () => {
    const { c, sl } = await setup();
    const m = sl.model("m", { version: "1" });
    const boom = new RangeError("bad input");
    const predict = m.wrap((_x: number[]): number => {
      throw boom;
    });
    let caught: unknown;
    try {
      predict([1, 2, 3]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(boom);
    await sl.flush();
    expect(c.accepted[0]).toMatchObject({
      features: { "0": 1, "1": 2, "2": 3 },
      error: "bad input",
    });
    expect(c.accepted[0]).not.toHaveProperty("prediction");
  });

  it("rejects with the same object when the async function rejects, and logs it", async () => {
    const { c, sl } = await setup();
    const m = sl.model("m", { version: "1" });
    const reason = { not: "an Error" };
    const predict = m.wrap(async (_x: { a: number }) => {
      await sleep(1);
      throw reason;
    });
    await expect(predict({ a: 1 })).rejects.toBe(reason);
    await sl.flush();
    expect(c.accepted[0]).toMatchObject({ features: { a: 1 }, error: "[object Object]" });
  });

  it("keeps `this`, uses a caller-chosen id and tags, and reads features before the call", async () => {
    const { c, sl } = await setup();
    const m = sl.model("m", { version: "1", tags: { region: "eu" } });
    const model = {
      bias: 10,
      predict(this: { bias: number }, req: { id: string; x: number }) {
        req.x = -1;
        return this.bias;
      },
    };
    const predict = m.wrap(model.predict, {
      id: ([req]) => req.id,
      tags: () => ({ tenant: "t1" }),
      features: ([req]) => ({ x: req.x }),
    });
    expect(predict.call(model, { id: "req-42", x: 5 })).toBe(10);
    await sl.flush();
    expect(c.accepted[0]).toMatchObject({
      id: "req-42",
      features: { x: 5 },
      prediction: 10,
      tags: { region: "eu", tenant: "t1" },
    });
  });

  it("still returns the result when an extractor or onLogged throws, dropping the record as invalid", async () => {
    const { c, sl } = await setup();
    const m = sl.model("m", { version: "1" });
    const predict = m.wrap((x: number) => x * 2, {
      prediction: () => {
        throw new Error("extractor bug");
      },
      onLogged: () => {
        throw new Error("hook bug");
      },
    });
    expect(predict(21)).toBe(42);
    await sl.flush();
    expect(c.accepted).toHaveLength(0);
    expect(sl.stats().dropped.invalid).toBe(1);
  });

  it("stamps each prediction with the event time the timestamp option gives (replays), also on errors", async () => {
    const { c, sl } = await setup();
    const m = sl.model("m", { version: "1" });
    const seen: unknown[] = [];
    const predict = m.wrap(
      (req: { x: number; at: number }) => {
        if (req.x < 0) throw new Error("negative");
        return req.x * 2;
      },
      {
        timestamp: ([req], result) => {
          seen.push(result);
          return req.x === 2 ? new Date(req.at) : req.at;
        },
      },
    );
    const at = Date.UTC(2001, 1, 3, 10);
    expect(predict({ x: 1, at })).toBe(2);
    expect(predict({ x: 2, at: at + 1000 })).toBe(4);
    expect(() => predict({ x: -1, at: at + 2000 })).toThrow("negative");
    await sl.flush();
    const stamps = c.accepted.map((r) => new Date(r.timestamp as string | number).getTime());
    expect(stamps).toEqual([at, at + 1000, at + 2000]);
    expect(seen).toEqual([2, 4, undefined]);
    expect(c.accepted[2]).toMatchObject({ error: "negative" });
  });

  it("drops the record as invalid when the timestamp option throws, and still returns the result", async () => {
    const { c, sl } = await setup();
    const m = sl.model("m");
    const predict = m.wrap((x: number) => x + 1, {
      timestamp: () => {
        throw new Error("clock bug");
      },
    });
    expect(predict(1)).toBe(2);
    await sl.flush();
    expect(c.accepted).toHaveLength(0);
    expect(sl.stats().dropped.invalid).toBe(1);
  });
});
