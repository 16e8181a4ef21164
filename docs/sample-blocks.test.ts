import { describe, expect, it } from "vitest";
import { codeBlocks, samplesOf, unmarkedReason } from "./sample-blocks.js";

const doc = [
  "# Title",
  "```ts test=sdk prelude=a,b",
  "const x = 1;",
  "```",
  "text",
  "```ts test=sdk continues",
  "console.log(x);",
  "```",
  "````text",
  "```sh",
  "````",
  "```",
  "bare",
  "```",
  "```json test=shape get=/api/v1/models",
  "{}",
  "```",
].join("\n");

describe("codeBlocks", () => {
  it("finds every fenced block with its line and info string, longer fences included", () => {
    expect(codeBlocks(doc).map((b) => [b.line, b.info])).toEqual([
      [2, "ts test=sdk prelude=a,b"],
      [6, "ts test=sdk continues"],
      [9, "text"],
      [12, ""],
      [15, "json test=shape get=/api/v1/models"],
    ]);
    expect(codeBlocks(doc)[2]?.code).toBe("```sh\n");
  });

  it("refuses a block that is never closed", () => {
    expect(() => codeBlocks("```sh\nls\n")).toThrow(/line 1 is never closed/);
  });
});

describe("unmarkedReason", () => {
  it("accepts text and known kinds, and names what is wrong otherwise", () => {
    expect(unmarkedReason({ line: 1, info: "text", code: "" })).toBeUndefined();
    expect(unmarkedReason({ line: 1, info: "yaml test=monitors", code: "" })).toBeUndefined();
    expect(unmarkedReason({ line: 1, info: "", code: "" })).toMatch(/has no test=/);
    expect(unmarkedReason({ line: 1, info: "sh", code: "" })).toMatch(/has no test=/);
    expect(unmarkedReason({ line: 1, info: "sh test=bash", code: "" })).toBe("unknown test kind 'bash'");
  });
});

describe("samplesOf", () => {
  it("joins continued blocks to the sample before them and reads attributes", () => {
    const samples = samplesOf("x.md", doc);
    expect(samples.map((s) => [s.kind, s.line, s.attributes])).toEqual([
      ["sdk", 2, { prelude: "a,b" }],
      ["shape", 15, { get: "/api/v1/models" }],
    ]);
    expect(samples[0]?.code).toBe("const x = 1;\n\n// x.md:6\nconsole.log(x);\n");
  });

  it("refuses a continued block with nothing to continue", () => {
    expect(() => samplesOf("x.md", "```ts test=sdk continues\nx\n```\n")).toThrow(/x.md:1: 'continues'/);
  });
});
