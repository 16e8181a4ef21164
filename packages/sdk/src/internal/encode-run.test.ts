import { describe, expect, it } from "vitest";
import { encodeRun } from "./encode-run.js";

function problem(record: unknown): string | undefined {
  const r = encodeRun(record, "id-1");
  return r.ok ? undefined : r.problem;
}

describe("encodeRun", () => {
  it("maps camelCase fields to the wire's snake_case and fills the id", () => {
    const r = encodeRun(
      {
        component: "train",
        startTime: 5,
        endTime: new Date(10),
        status: "failed",
        error: new TypeError("nope"),
        inputs: ["a", { name: "b", kind: "model" }],
        codeSnapshot: "() => 1",
        codeHash: "h",
        gitCommit: "c",
        params: { lr: 0.1, layers: [1, 2], nan: Number.NaN },
        metrics: { auc: 0.8 },
        componentDescription: "d",
        owner: "o",
        tags: { team: "t" },
        notes: "n",
      },
      "id-1",
    );
    expect(r.ok && JSON.parse(r.body)).toEqual({
      id: "id-1",
      component: "train",
      start_time: 5,
      end_time: "1970-01-01T00:00:00.010Z",
      status: "failed",
      error: "TypeError: nope",
      inputs: ["a", { name: "b", kind: "model" }],
      code_snapshot: "() => 1",
      code_hash: "h",
      git_commit: "c",
      notes: "n",
      component_description: "d",
      owner: "o",
      params: { lr: 0.1, layers: [1, 2], nan: "NaN" },
      metrics: { auc: 0.8 },
      tags: { team: "t" },
    });
  });

  it("names the field that is wrong", () => {
    expect(problem(null)).toBe("a run record must be an object");
    expect(problem({ startTime: 1 })).toBe("run component must be a non-empty string");
    expect(problem({ component: "c" })).toMatch(/^run startTime must be/);
    expect(problem({ component: "c", startTime: 1, endTime: "yesterday" })).toMatch(/^run endTime must be/);
    expect(problem({ component: "c", startTime: 1, status: "done" })).toBe(
      "run status must be running, success or failed",
    );
    expect(problem({ component: "c", startTime: 1, outputs: "x" })).toBe(
      "outputs must be an array of artifacts",
    );
    expect(problem({ component: "c", startTime: 1, inputs: [{ name: "a", kind: "table" }] })).toBe(
      "inputs[0].kind must be one of data, model, endpoint, other",
    );
    expect(problem({ component: "c", startTime: 1, metrics: { auc: Number.POSITIVE_INFINITY } })).toBe(
      "run metrics must be an object of finite numbers",
    );
    expect(problem({ component: "c", startTime: 1, params: { f: () => 1 } })).toBe(
      "run params must be an object of JSON values",
    );
    expect(problem({ component: "c", startTime: 1, tags: ["a"] })).toBe(
      "run tags must be an object of strings",
    );
    expect(problem({ component: "c", startTime: 1, owner: 3 })).toBe("run owner must be a string");
    const hostile = {
      get component(): string {
        throw new Error("getter");
      },
    };
    expect(problem(hostile)).toBe("the run record could not be read");
  });
});
