import { describe, expect, it } from "vitest";
import { SightlineError } from "../errors.js";
import { mergeRun, parseArtifact, parseComponentBody, parseRunBody } from "./parse-run.js";

const t0 = Date.UTC(2024, 0, 1);

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof SightlineError) return (error.details as { field: string }).field;
    throw error;
  }
  return undefined;
}

describe("run bodies", () => {
  it("reads times as ISO-8601 or epoch ms and infers artifact kinds", () => {
    const input = parseRunBody({
      component: "train",
      start_time: "2024-01-01T00:00:00Z",
      end_time: t0 + 1000,
      inputs: ["s3://b/train.parquet", { name: "feat", kind: "data", hash: "abc" }],
      outputs: ["models:/m/1"],
    });
    expect(input).toMatchObject({ component: "train", startMs: t0, endMs: t0 + 1000 });
    expect(input.inputs).toEqual([
      { name: "s3://b/train.parquet", hash: null, kind: "data" },
      { name: "feat", hash: "abc", kind: "data" },
    ]);
    expect(input.outputs).toEqual([{ name: "models:/m/1", hash: null, kind: "model" }]);
  });

  it("names the field of each bad value", () => {
    const base = { component: "c", start_time: t0 };
    expect(fieldOf(() => parseRunBody([base]))).toBe("$");
    expect(fieldOf(() => parseRunBody({ ...base, outputs: [{ name: "x", kind: "table" }] }))).toBe(
      "outputs[0].kind",
    );
    expect(fieldOf(() => parseRunBody({ ...base, inputs: [{ name: "" }] }))).toBe("inputs[0].name");
    expect(fieldOf(() => parseRunBody({ ...base, inputs: [{ name: "x", size: 1 }] }))).toBe("inputs[0].size");
    expect(fieldOf(() => parseRunBody({ ...base, inputs: "x" }))).toBe("inputs");
    expect(fieldOf(() => parseRunBody({ ...base, start_time: 1_700_000_000 }))).toBe("start_time");
    expect(fieldOf(() => parseRunBody({ ...base, tags: { a: 1 } }))).toBe("tags.a");
    expect(fieldOf(() => parseRunBody({ ...base, id: "has space" }))).toBe("id");
    expect(fieldOf(() => parseRunBody({ ...base, params: [1] }))).toBe("params");
    expect(fieldOf(() => parseArtifact(42, "inputs[3]"))).toBe("inputs[3]");
    expect(fieldOf(() => parseComponentBody({ name: "ok", owner: 3 }))).toBe("owner");
  });

  it("drops repeated artifacts of one list", () => {
    expect(
      parseRunBody({
        component: "c",
        start_time: t0,
        inputs: ["a.csv", "a.csv", { name: "a.csv", hash: "h" }],
      }).inputs,
    ).toHaveLength(2);
  });
});

describe("merging a re-posted run", () => {
  const started = mergeRun(
    undefined,
    parseRunBody({ component: "c", start_time: t0, inputs: ["a.csv"], notes: "n" }),
    "r1",
  );

  it("starts running and succeeds when it ends without a status", () => {
    expect(started.status).toBe("running");
    const ended = mergeRun(started, parseRunBody({ component: "c", start_time: t0, end_time: t0 + 5 }), "r1");
    expect(ended).toMatchObject({ status: "success", endMs: t0 + 5, notes: "n" });
    expect(ended.inputs).toEqual(started.inputs);
  });

  it("keeps a given status and error", () => {
    const failed = mergeRun(
      started,
      parseRunBody({ component: "c", start_time: t0, end_time: t0 + 5, status: "failed", error: "boom" }),
      "r1",
    );
    expect(failed).toMatchObject({ status: "failed", error: "boom" });
  });

  it("rejects a run that reads its own output, unless hashes differ", () => {
    const body = { component: "c", start_time: t0, inputs: ["x.csv"], outputs: ["y.csv", "x.csv"] };
    expect(fieldOf(() => mergeRun(undefined, parseRunBody(body), "r"))).toBe("inputs[0]");
    const rewrite = {
      ...body,
      inputs: [{ name: "x.csv", hash: "1" }],
      outputs: [{ name: "x.csv", hash: "2" }],
    };
    expect(mergeRun(undefined, parseRunBody(rewrite), "r").outputs).toHaveLength(1);
  });

  it("rejects an end before the start, also when the start moves on a re-post", () => {
    const ended = mergeRun(started, parseRunBody({ component: "c", start_time: t0, end_time: t0 + 5 }), "r1");
    expect(fieldOf(() => mergeRun(ended, parseRunBody({ component: "c", start_time: t0 + 10 }), "r1"))).toBe(
      "end_time",
    );
  });
});
