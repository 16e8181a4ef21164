import { describe, expect, it } from "vitest";
import type { Contract } from "../../contract/contract.js";
import { typedColumns, typedReader } from "./typed-columns.js";

const contract = (version: string, features: [string, string][]) =>
  ({
    model: "m",
    version,
    rows: 1,
    features: features.map(([name, type]) => ({ name, type })),
    prediction: null,
    label: null,
    createdMs: 0,
  }) as unknown as Contract;

describe("typedColumns", () => {
  it("keeps every feature of every version, as DOUBLE and/or text by its types, sorted by name", () => {
    const columns = typedColumns([
      contract("v1", [
        ["b", "numeric"],
        ["a", "categorical"],
      ]),
      contract("v2", [
        ["b", "boolean"],
        ["c", "numeric"],
      ]),
    ]);
    expect(columns).toEqual([
      { name: "a", numeric: false, text: true },
      { name: "b", numeric: true, text: true },
      { name: "c", numeric: true, text: false },
    ]);
  });
});

describe("typedReader", () => {
  const table = {
    table: "t",
    columns: [
      { name: "a", numeric: false, text: true },
      { name: "c", numeric: true, text: false },
    ],
  };

  it("reads numbers from DOUBLE columns, else through the same TRY_CAST as the JSON reader", () => {
    const reader = typedReader(table, [
      { column: { name: "c", source: "feature" }, text: false },
      { column: { name: "a", source: "feature" }, text: true },
    ]);
    expect(reader?.number({ name: "c", source: "feature" })).toBe("n1");
    expect(reader?.number({ name: "a", source: "feature" })).toBe("TRY_CAST(t0 AS DOUBLE)");
    expect(reader?.text({ name: "prediction", source: "prediction" })).toBe("prediction");
  });

  it("gives way to the JSON for a missing feature, a missing text form, or a prediction's label", () => {
    expect(typedReader(table, [{ column: { name: "x", source: "feature" }, text: false }])).toBeNull();
    expect(typedReader(table, [{ column: { name: "c", source: "feature" }, text: true }])).toBeNull();
    expect(typedReader(table, [{ column: { name: "label", source: "label" }, text: false }])).toBeNull();
    expect(
      typedReader(table, [{ column: { name: "label", source: "label" }, text: false }], true),
    ).not.toBeNull();
  });
});
