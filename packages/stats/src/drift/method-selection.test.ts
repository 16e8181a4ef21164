import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DRIFT_METHODS, isDriftMethod, type MethodSelectionInput, selectMethod } from "./method-selection.js";

const input = (overrides: Partial<MethodSelectionInput>): MethodSelectionInput => ({
  type: "numeric",
  referenceSize: 500,
  currentSize: 500,
  uniqueCount: 400,
  ...overrides,
});

describe("selectMethod", () => {
  const table: [Partial<MethodSelectionInput>, string][] = [
    [{}, "ks"],
    [{ referenceSize: 50_000, currentSize: 2000 }, "wasserstein"],
    [{ referenceSize: 50_000, currentSize: 800 }, "ks"],
    [{ referenceSize: 1000, currentSize: 1000 }, "ks"],
    [{ referenceSize: 1001, currentSize: 1001 }, "wasserstein"],
    [{ summariesOnly: true }, "binned-ks"],
    [{ summariesOnly: true, referenceSize: 1e6, currentSize: 1e6 }, "binned-wasserstein"],
    [{ uniqueCount: 4 }, "chi-square"],
    [{ uniqueCount: 4, referenceSize: 1e5, currentSize: 1e5 }, "jensen-shannon"],
    [{ uniqueCount: 2 }, "two-proportion-z"],
    [{ type: "categorical", uniqueCount: 12 }, "chi-square"],
    [{ type: "categorical", uniqueCount: 12, referenceSize: 1e5, currentSize: 5e4 }, "jensen-shannon"],
    [{ type: "categorical", uniqueCount: 2 }, "two-proportion-z"],
    [{ type: "boolean", uniqueCount: 2 }, "two-proportion-z"],
    [{ type: "boolean", uniqueCount: 2, currentSize: 12 }, "fisher-exact"],
    [{ type: "boolean", uniqueCount: 2, referenceSize: 1e5, currentSize: 1e4 }, "jensen-shannon"],
  ];
  for (const [overrides, method] of table) {
    it(`${JSON.stringify(overrides)} -> ${method}`, () => {
      expect(selectMethod(input(overrides)).method).toBe(method);
    });
  }
  it("compares high-cardinality categoricals on the top-k plus other", () => {
    const r = selectMethod(input({ type: "categorical", uniqueCount: 5000 }));
    expect(r.method).toBe("jensen-shannon");
    expect(r.topK).toBe(20);
    expect(r.reason).toContain("other");
  });
  it("always answers a known method with a reason", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("numeric" as const, "categorical" as const, "boolean" as const),
        fc.nat(1e7),
        fc.nat(1e7),
        fc.nat(1e5),
        fc.boolean(),
        (type, referenceSize, currentSize, uniqueCount, summariesOnly) => {
          const r = selectMethod({ type, referenceSize, currentSize, uniqueCount, summariesOnly });
          return isDriftMethod(r.method) && r.reason.length > 10;
        },
      ),
    );
  });
  it("rejects negative or non-finite sizes", () => {
    expect(() => selectMethod(input({ referenceSize: -1 }))).toThrow(RangeError);
    expect(() => selectMethod(input({ uniqueCount: Number.NaN }))).toThrow(RangeError);
  });
});

describe("DRIFT_METHODS", () => {
  it("lists unique kebab-case names", () => {
    expect(new Set(DRIFT_METHODS).size).toBe(DRIFT_METHODS.length);
    for (const m of DRIFT_METHODS) expect(m).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(isDriftMethod("psi")).toBe(true);
    expect(isDriftMethod("nope")).toBe(false);
  });
});
