import { describe, expect, it } from "vitest";
import { SightlineError } from "../errors.js";
import { columnKindOf } from "./column-kind.js";
import { planColumns } from "./plan-columns.js";

const col = (name: string, type: string, nonNull = 10) => ({ name, type, nonNull });

describe("columnKindOf", () => {
  it.each([
    ["BIGINT", "numeric"],
    ["DOUBLE", "numeric"],
    ["DECIMAL(18,3)", "numeric"],
    ["UTINYINT", "numeric"],
    ["BOOLEAN", "boolean"],
    ["VARCHAR", "categorical"],
    ["ENUM('a', 'b')", "categorical"],
    ["TIMESTAMP", null],
    ["DOUBLE[]", null],
  ])("%s is %s", (type, kind) => {
    expect(columnKindOf(type)).toBe(kind);
  });
});

describe("planColumns", () => {
  const reference = [
    col("a", "DOUBLE"),
    col("b", "VARCHAR"),
    col("t", "TIMESTAMP"),
    col("only_ref", "BIGINT"),
  ];
  const current = [
    col("a", "BIGINT"),
    col("b", "VARCHAR"),
    col("t", "TIMESTAMP"),
    col("only_cur", "BOOLEAN"),
  ];

  it("defaults to the shared comparable columns and says why the others are skipped", () => {
    expect(planColumns(reference, current)).toEqual({
      compared: [
        { name: "a", kind: "numeric" },
        { name: "b", kind: "categorical" },
      ],
      skipped: [
        { column: "t", reason: "type TIMESTAMP is not compared" },
        { column: "only_ref", reason: "only in the reference file" },
        { column: "only_cur", reason: "only in the current file" },
      ],
    });
  });

  it("keeps the requested columns in the requested order", () => {
    expect(planColumns(reference, current, ["b", "a"]).compared.map((c) => c.name)).toEqual(["b", "a"]);
  });

  const failing: [string, () => unknown, RegExp][] = [
    [
      "unknown column",
      () => planColumns(reference, current, ["a", "zzz"]),
      /unknown column 'zzz'.*reference file has a, b/,
    ],
    [
      "column missing from current",
      () => planColumns(reference, current, ["only_ref"]),
      /the current file has/,
    ],
    [
      "uncomparable type",
      () => planColumns(reference, current, ["t"]),
      /type TIMESTAMP, which is not compared/,
    ],
    [
      "numeric vs text",
      () => planColumns([col("a", "DOUBLE")], [col("a", "VARCHAR")]),
      /'a' has mismatched types: numeric \(DOUBLE\) in the reference, categorical \(VARCHAR\)/,
    ],
    [
      "all null",
      () => planColumns([col("a", "DOUBLE")], [col("a", "VARCHAR", 0)]),
      /'a' is empty in the current file/,
    ],
    ["nothing shared", () => planColumns([col("a", "DOUBLE")], [col("b", "DOUBLE")]), /no column to compare/],
  ];
  it.each(failing)("%s is a SightlineError naming it", (_, run, message) => {
    expect(run).toThrow(SightlineError);
    expect(run).toThrow(message);
  });
});
