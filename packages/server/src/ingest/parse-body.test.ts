import { describe, expect, it } from "vitest";
import { SightlineError } from "../errors.js";
import { parseJsonBatch, parseNdjsonBatch } from "./parse-body.js";

describe("parseJsonBatch", () => {
  it("accepts an array or a single object", () => {
    expect(parseJsonBatch('[{"a":1},{"a":2}]').values).toHaveLength(2);
    expect(parseJsonBatch('{"a":1}').values).toHaveLength(1);
  });
  it("names line and column of malformed JSON", () => {
    try {
      parseJsonBatch('[\n  {"a": 1},\n  {"a": }\n]');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SightlineError);
      expect((error as SightlineError).code).toBe("SL_MALFORMED_BODY");
      expect((error as SightlineError).details).toEqual({ line: 3, column: 9 });
    }
  });
  it("rejects scalars", () => {
    expect(() => parseJsonBatch("42")).toThrow(/JSON array/);
  });
});

describe("parseNdjsonBatch", () => {
  it("rejects only the malformed lines, naming them", () => {
    const batch = parseNdjsonBatch('{"a":1}\n\n{oops}\n{"a":3}\n');
    expect(batch.values).toHaveLength(3);
    expect(batch.rejections).toEqual([
      { index: 1, field: "$", reason: expect.stringMatching(/line 3 column 2/) },
    ]);
  });
});
