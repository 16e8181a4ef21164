import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { Sightline } from "./sightline.js";
import type { SightlineError } from "./sightline-error.js";
import type { SightlineOptions } from "./sightline-options.js";
import { acceptAll, type CollectedRequest, refusedUrl, startCollector } from "./testing/collector.js";

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function collector(...args: Parameters<typeof startCollector>) {
  const c = await startCollector(...args);
  open.push(c);
  return c;
}

function client(options: SightlineOptions): { sl: Sightline; errors: SightlineError[] } {
  const errors: SightlineError[] = [];
  const sl = new Sightline({ onError: (e) => errors.push(e as SightlineError), ...options });
  open.push(sl);
  return { sl, errors };
}

function runs(requests: CollectedRequest[]): Record<string, unknown>[] {
  return requests.filter((r) => r.path === "/api/v1/runs").map((r) => JSON.parse(r.body));
}

function sha256Python(text: string): string {
  // The reference digest comes from another implementation than node:crypto.
  return execFileSync(
    "python3",
    ["-c", "import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())"],
    {
      input: text,
    },
  )
    .toString()
    .trim();
}

describe("component runs against a live collector", () => {
  it("records a successful run: times, artifacts from options and context, code hash, git commit", async () => {
    const c = await collector();
    const { sl, errors } = client({ url: c.url, apiKey: "k-1" });
    const featuregen = sl.component("featuregen", {
      owner: "ml",
      tags: { domain: "flights" },
      description: "features",
    });
    const fn = async (ctx: {
      output(a: string): void;
      metric(n: string, v: number): void;
      param(n: string, v: number): void;
    }) => {
      ctx.output("features-extra.parquet");
      ctx.metric("rows", 1200);
      ctx.metric("auc", Number.NaN);
      ctx.param("window", 14);
      return "done-marker";
    };
    const before = Date.now();
    const value = await featuregen.run(
      {
        inputs: ["clean.parquet", { name: "lookup.csv", hash: "sha256:ab", kind: "data" }],
        outputs: ["features.parquet"],
        params: { window: 7, seed: 1 },
      },
      fn,
    );
    await sl.flush();
    expect(value).toBe("done-marker");
    expect(errors).toEqual([]);
    const component = c.requests.find((r) => r.path === "/api/v1/components");
    expect(component?.headers["content-type"]).toBe("application/json");
    expect(component?.headers.authorization).toBe("Bearer k-1");
    expect(JSON.parse(component!.body)).toEqual({
      name: "featuregen",
      description: "features",
      owner: "ml",
      tags: { domain: "flights" },
    });
    const [run, ...more] = runs(c.requests);
    expect(more).toEqual([]);
    expect(run).toMatchObject({
      component: "featuregen",
      status: "success",
      inputs: ["clean.parquet", { name: "lookup.csv", hash: "sha256:ab", kind: "data" }],
      outputs: ["features.parquet", "features-extra.parquet"],
      params: { window: 14, seed: 1 },
      metrics: { rows: 1200 },
      notes: "metric auc was left out: NaN is not a finite number",
      owner: "ml",
      component_description: "features",
      tags: { domain: "flights" },
    });
    expect(run?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(run?.start_time as number).toBeGreaterThanOrEqual(before);
    expect(run?.end_time as number).toBeGreaterThanOrEqual(run?.start_time as number);
    expect(run?.code_snapshot).toBe(fn.toString());
    expect(run?.code_snapshot).toContain("done-marker");
    expect(run?.code_hash).toBe(sha256Python(fn.toString()));
    expect(run?.git_commit).toBe(execFileSync("git", ["rev-parse", "HEAD"]).toString().trim());
  });

  it("records a failed run and rethrows the very same error", async () => {
    const c = await collector();
    const { sl } = client({ url: c.url });
    const boom = new RangeError("bad split ratio");
    const train = sl.component("split");
    await expect(train.run({ id: "run-7" }, () => Promise.reject(boom))).rejects.toBe(boom);
    let thrown: unknown;
    try {
      await train.run({}, () => {
        throw "plain string";
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe("plain string");
    await sl.flush();
    const [first, second] = runs(c.requests);
    expect(first).toMatchObject({ id: "run-7", status: "failed", error: "RangeError: bad split ratio" });
    expect(second).toMatchObject({ status: "failed", error: "plain string" });
  });

  it("never fails the pipeline when Sightline is down: the result comes back, the loss is reported", async () => {
    const { sl, errors } = client({ url: await refusedUrl(), maxRetries: 2, retryBaseMs: 1 });
    const clean = sl.component("clean");
    expect(await clean.run({ outputs: ["clean.csv"] }, () => 42)).toBe(42);
    await sl.close();
    // The component registration uses up its retries; the run after it gets one attempt (degraded mode).
    expect(errors.map((e) => [e.code, e.details.kind])).toEqual([
      ["SL_SDK_RETRIES_EXHAUSTED", "components"],
      ["SL_SDK_RETRIES_EXHAUSTED", "runs"],
    ]);
    expect(errors[0]?.message).toMatch(/^component clean: gave up after 3 attempts/);
    expect(errors[1]?.message).toMatch(/^run [0-9a-f-]{36}: gave up after 1 attempts/);
  });

  it("retries a run after 503 with backoff and delivers it once", async () => {
    let failures = 2;
    const c = await collector((req) =>
      req.path === "/api/v1/runs" && failures-- > 0
        ? { status: 503, body: { error: "busy" } }
        : acceptAll(req),
    );
    const { sl, errors } = client({ url: c.url, retryBaseMs: 1 });
    await sl.component("train").run({}, () => undefined);
    await sl.flush();
    const posted = runs(c.requests);
    expect(posted).toHaveLength(3);
    expect(new Set(posted.map((r) => r.id)).size).toBe(1);
    expect(errors).toEqual([]);
  });

  it("reports a refused run (4xx) without retrying it", async () => {
    const c = await collector((req) =>
      req.path === "/api/v1/runs"
        ? { status: 400, body: { error: { message: "inputs[0]: bad" } } }
        : acceptAll(req),
    );
    const { sl, errors } = client({ url: c.url, retryBaseMs: 1 });
    await sl.component("train").run({}, () => undefined);
    await sl.flush();
    expect(runs(c.requests)).toHaveLength(1);
    expect(errors.map((e) => [e.code, e.details.status])).toEqual([["SL_SDK_REJECTED", 400]]);
    expect(errors[0]?.message).toContain("inputs[0]: bad");
  });

  it("start() posts a running run and end() re-posts the same id, in order", async () => {
    const c = await collector((req) => ({ ...acceptAll(req), delayMs: 5 }));
    const { sl } = client({ url: c.url });
    const serving = sl.component("inference").start({ inputs: ["models:/churn/3"], notes: "pod a" });
    serving.end({ outputs: ["endpoint:/predict"] });
    serving.end({ status: "failed" });
    await sl.flush();
    const [started, ended, ...more] = runs(c.requests);
    expect(more).toEqual([]);
    expect(started).toMatchObject({
      id: serving.id,
      status: "running",
      inputs: ["models:/churn/3"],
      notes: "pod a",
    });
    expect(started?.end_time).toBeUndefined();
    expect(ended).toMatchObject({ id: serving.id, status: "success", outputs: ["endpoint:/predict"] });
    expect(ended?.end_time as number).toBeGreaterThanOrEqual(started?.start_time as number);
  });

  it("stamps runs on the clock given for replays: run() start and end, start() and end({ endTime })", async () => {
    const c = await collector();
    const { sl } = client({ url: c.url });
    const t0 = Date.UTC(2001, 0, 15, 6);
    let now = t0;
    const clean = sl.component("clean");
    const transform = (miles: number) => miles * 1.609;
    const value = await clean.run({ id: "clean-1", clock: () => now, code: transform }, async () => {
      now += 60_000;
      return 7;
    });
    expect(value).toBe(7);
    const serving = sl.component("inference").start({ id: "serve-1", clock: () => new Date(t0) });
    serving.end({ endTime: t0 + 3_600_000 });
    const fallback = await sl.component("odd").run(
      {
        clock: () => {
          throw new Error("clock bug");
        },
      },
      () => 1,
    );
    expect(fallback).toBe(1);
    await sl.flush();
    const posted = runs(c.requests);
    const time = (v: unknown) => new Date(v as string | number).getTime();
    const clean1 = posted.find((r) => r.id === "clean-1");
    expect([time(clean1?.start_time), time(clean1?.end_time)]).toEqual([t0, t0 + 60_000]);
    expect(clean1).toMatchObject({
      code_snapshot: transform.toString(),
      code_hash: sha256Python(transform.toString()),
    });
    const serve = posted.filter((r) => r.id === "serve-1");
    expect(
      serve.map((r) => [r.status, time(r.start_time), r.end_time === undefined ? null : time(r.end_time)]),
    ).toEqual([
      ["running", t0, null],
      ["success", t0, t0 + 3_600_000],
    ]);
    const odd = posted.find((r) => r.component === "odd");
    expect(Math.abs(time(odd?.start_time) - Date.now())).toBeLessThan(60_000);
  });

  it("logRun sends a valid record as given and reports an invalid one without sending it", async () => {
    const c = await collector();
    const { sl, errors } = client({ url: c.url });
    const id = sl.logRun({
      id: "ext-1",
      component: "dbt-clean",
      startTime: "2026-01-02T03:04:05Z",
      endTime: new Date(Date.UTC(2026, 0, 2, 3, 5)),
      status: "success",
      metrics: { rows: 3 },
    });
    expect(id).toBe("ext-1");
    const bad = sl.logRun({ component: "x", startTime: 0, inputs: [{ name: "" }] });
    await sl.flush();
    expect(runs(c.requests)).toEqual([
      {
        id: "ext-1",
        component: "dbt-clean",
        start_time: "2026-01-02T03:04:05Z",
        end_time: "2026-01-02T03:05:00.000Z",
        status: "success",
        metrics: { rows: 3 },
      },
    ]);
    expect(errors.map((e) => e.code)).toEqual(["SL_SDK_INVALID_OPTION"]);
    expect(errors[0]?.message).toBe(
      `run ${bad} not recorded: inputs[0] must be a non-empty string or { name, hash?, kind? }`,
    );
    await sl.close();
    sl.logRun({ component: "late", startTime: 0 });
    expect(errors[1]?.message).toMatch(/the client is closed/);
  });

  it("sl.component() throws on an invalid name or options", () => {
    const { sl } = client({ url: "http://127.0.0.1:9" });
    expect(() => sl.component("")).toThrow(/component name/);
    expect(() => sl.component("a", { tags: ["x"] as unknown as Record<string, string> })).toThrow(
      /tags must be an object of strings/,
    );
    expect(() => sl.component("a", { owner: 3 as unknown as string })).toThrow(/owner must be a string/);
  });
});

describe("the traceId model option", () => {
  it("stamps records with the active trace id read at log time; bad values and throwing hooks are ignored", async () => {
    const c = await collector();
    const { sl } = client({ url: c.url });
    let active: string | undefined = "4BF92F3577B34DA6A3CE929D0E0E4736";
    const m = sl.model("churn", {
      traceId: () => {
        if (active === "throw") throw new Error("no context");
        return active;
      },
    });
    m.log({ id: "a", features: { x: 1 } });
    active = "0af7651916cd43dd8448eb211c80319c";
    m.log({ id: "b", features: { x: 1 }, traceId: "11111111111111111111111111111111" });
    active = "00000000000000000000000000000000";
    m.log({ id: "c", features: { x: 1 } });
    active = "not-hex";
    m.log({ id: "d", features: { x: 1 } });
    active = "throw";
    m.log({ id: "e", features: { x: 1 } });
    active = "0af7651916cd43dd8448eb211c80319c";
    const predict = m.wrap((x: { x: number }) => x.x * 2, { id: () => "f" });
    active = undefined;
    predict({ x: 3 });
    await sl.flush();
    const byId = new Map(c.accepted.map((r) => [r.id, r.trace_id]));
    expect(Object.fromEntries(byId)).toEqual({
      a: "4bf92f3577b34da6a3ce929d0e0e4736",
      b: "11111111111111111111111111111111",
      c: undefined,
      d: undefined,
      e: undefined,
      f: undefined,
    });
    expect(sl.stats().dropped.invalid).toBe(0);
  });

  it("a non-function traceId makes the model handle drop its records as invalid", async () => {
    const { sl, errors } = client({ url: "http://127.0.0.1:9" });
    sl.model("churn", { traceId: "abc" as unknown as () => string }).log({ features: { x: 1 } });
    await sl.flush();
    expect(errors[0]?.message).toMatch(/traceId must be a function/);
  });
});
