import { describe, expect, it } from "vitest";
import { shapeMismatches } from "./json-shape.js";

describe("shapeMismatches", () => {
  it("accepts an example whose keys and types are all in the answer", () => {
    expect(shapeMismatches({ a: 1, b: [{ c: "x" }] }, { a: 2, b: [{ c: "y", d: 1 }], e: true })).toEqual([]);
  });

  it("names a key the answer does not have", () => {
    expect(shapeMismatches({ a: { b: 1 } }, { a: { c: 1 } })).toEqual([
      "$.a.b: in the example, not in the answer",
    ]);
  });

  it("names a value of another type", () => {
    expect(shapeMismatches({ a: 1 }, { a: "1" })).toEqual([
      "$.a: the example has a number, the answer a string",
    ]);
    expect(shapeMismatches([1], { 0: 1 })).toEqual(["$: the example has an array, the answer an object"]);
  });

  it("matches each example element against some element of the answer", () => {
    expect(shapeMismatches([{ kind: "a" }, { n: 1 }], [{ n: 2 }, { kind: "b" }])).toEqual([]);
    expect(shapeMismatches([{ m: 1 }], [{ n: 2 }])).toEqual(["$[0].m: in the example, not in the answer"]);
  });

  it("lets '…' and null stand for anything", () => {
    expect(shapeMismatches({ a: "…", b: null, "…": "…" }, { a: 3, b: { c: 1 } })).toEqual([]);
    expect(shapeMismatches({ a: 1 }, { a: null })).toEqual([]);
  });
});
