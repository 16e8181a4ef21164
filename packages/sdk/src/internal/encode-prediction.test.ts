import { describe, expect, it } from "vitest";
import { encodeLabel } from "./encode-label.js";
import { encodePrediction, type ModelDefaults } from "./encode-prediction.js";

const defaults: ModelDefaults = { version: "v1", tags: { region: "eu" } };
const T = 1_717_200_000_000;

function decode(line: string | undefined): Record<string, unknown> {
  expect(line).toBeTypeOf("string");
  return JSON.parse(line!) as Record<string, unknown>;
}

describe("encodePrediction", () => {
  it("writes the wire fields in snake_case with defaults applied", () => {
    const rec = decode(
      encodePrediction(
        {
          features: { a: 1, b: "x", c: true, d: null, e: undefined },
          prediction: { label: "yes" },
          scores: { yes: 0.9 },
          latencyMs: 2.5,
          error: new Error("slow"),
          traceId: "0af7651916cd43dd8448eb211c80319c",
          tags: { tenant: "t1" },
        },
        "id-1",
        T,
        defaults,
      ),
    );
    expect(rec).toEqual({
      id: "id-1",
      timestamp: T,
      version: "v1",
      features: { a: 1, b: "x", c: true, d: null, e: null },
      prediction: { label: "yes" },
      scores: { yes: 0.9 },
      latency_ms: 2.5,
      error: "slow",
      trace_id: "0af7651916cd43dd8448eb211c80319c",
      tags: { region: "eu", tenant: "t1" },
    });
  });

  it("spells non-finite numbers as strings, without touching the caller's object", () => {
    const features = { a: Number.NaN, b: Number.POSITIVE_INFINITY, c: Number.NEGATIVE_INFINITY };
    const rec = decode(encodePrediction({ features, prediction: [Number.NaN, 1] }, "i", T, defaults));
    expect(rec.features).toEqual({ a: "NaN", b: "Infinity", c: "-Infinity" });
    expect(rec.prediction).toEqual(["NaN", 1]);
    expect(Number.isNaN(features.a)).toBe(true);
  });

  it("leaves out what is absent, and lowercases trace ids", () => {
    const rec = decode(
      encodePrediction(
        { features: { a: 1 }, prediction: null, traceId: "0AF7651916CD43DD8448EB211C80319C" },
        "i",
        T,
        { version: undefined, tags: undefined },
      ),
    );
    expect(rec).toEqual({
      id: "i",
      timestamp: T,
      features: { a: 1 },
      trace_id: "0af7651916cd43dd8448eb211c80319c",
    });
  });

  it("takes the record's own version and timestamp over the defaults", () => {
    const d = new Date("2024-06-01T10:00:00Z");
    const rec = decode(encodePrediction({ features: {}, version: "v2", timestamp: d }, "i", T, defaults));
    expect(rec).toEqual({
      id: "i",
      version: "v2",
      timestamp: "2024-06-01T10:00:00.000Z",
      features: {},
      tags: { region: "eu" },
    });
  });

  it("refuses what the server would refuse", () => {
    const bad: unknown[] = [
      null,
      [],
      { features: null },
      { features: [1] },
      { features: new Map() },
      { features: { a: {} } },
      { features: { a: 1n } },
      { features: {}, prediction: () => 1 },
      { features: {}, scores: Symbol("s") },
      { features: {}, latencyMs: Number.NaN },
      { features: {}, latencyMs: "3" },
      { features: {}, error: 42 },
      { features: {}, traceId: "0af7651916cd43dd8448eb211c80319" },
      { features: {}, timestamp: Number.POSITIVE_INFINITY },
      { features: {}, tags: { a: 1 } },
    ];
    for (const b of bad) expect(encodePrediction(b, "i", T, defaults)).toBeUndefined();
    expect(encodePrediction({ features: {}, version: "" }, "i", T, defaults)).toBeUndefined();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(encodePrediction({ features: {}, prediction: cyclic }, "i", T, defaults)).toBeUndefined();
  });
});

describe("encodeLabel", () => {
  it("writes id, label and an optional timestamp", () => {
    expect(decode(encodeLabel({ label: 1, timestamp: undefined }, "p1"))).toEqual({ id: "p1", label: 1 });
    expect(decode(encodeLabel({ label: "spam", timestamp: T }, "p1"))).toEqual({
      id: "p1",
      label: "spam",
      timestamp: T,
    });
    expect(encodeLabel({ label: 1, timestamp: "nope" }, "p1")).toBeUndefined();
    expect(encodeLabel({ label: undefined, timestamp: undefined }, "p1")).toBeUndefined();
  });
});

describe("encodePrediction run_id", () => {
  it("stamps the handle's runId and lets a record's own runId win", () => {
    const withRun: ModelDefaults = { ...defaults, runId: "serve-2024-06-01 #3" };
    expect(decode(encodePrediction({ features: {}, prediction: 1 }, "id-1", T, withRun)).run_id).toBe(
      "serve-2024-06-01 #3",
    );
    expect(
      decode(encodePrediction({ features: {}, prediction: 1, runId: "own" }, "id-2", T, withRun)).run_id,
    ).toBe("own");
    expect(decode(encodePrediction({ features: {}, prediction: 1 }, "id-3", T, defaults))).not.toHaveProperty(
      "run_id",
    );
  });

  it("drops a record whose runId the server would reject", () => {
    for (const runId of ["", "caf\u00e9", "x".repeat(129), 7]) {
      expect(
        encodePrediction({ features: {}, prediction: 1, runId: runId as string }, "id", T, defaults),
      ).toBeUndefined();
    }
  });
});
