import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { andersonDarlingKSample, andersonDarlingTest } from "./anderson-darling.js";
import { driftSampleCases, expectation, isError, type TestExpectation } from "./test-fixture.js";

const cases = driftSampleCases() as (ReturnType<typeof driftSampleCases>[number] & { third?: number[] })[];

describe("andersonDarlingTest matches SciPy anderson_ksamp (midrank)", () => {
  for (const c of cases) {
    const e = expectation<TestExpectation>(c, "ad");
    if (e === undefined) continue;
    it(c.name, () => {
      if (isError(e)) {
        expect(() => andersonDarlingTest(c.reference, c.current)).toThrow(RangeError);
        return;
      }
      const r = andersonDarlingTest(c.reference, c.current);
      expect(isClose(r.statistic, e.statistic, 1e-9, 1e-12), `A2 ${r.statistic}`).toBe(true);
      expect(isClose(r.p_value!, e.pvalue, 1e-6), `p ${r.p_value}`).toBe(true);
    });
  }
  const threeSample = cases.filter((c) => c.third !== undefined);
  it("has three-sample cases", () => expect(threeSample.length).toBeGreaterThan(5));
  for (const c of threeSample) {
    const e = expectation<TestExpectation>(c, "ad_3")!;
    it(`${c.name} + third sample`, () => {
      if (isError(e)) {
        expect(() => andersonDarlingKSample([c.reference, c.current, c.third!])).toThrow(RangeError);
        return;
      }
      const r = andersonDarlingKSample([c.reference, c.current, c.third!]);
      expect(isClose(r.statistic, e.statistic, 1e-9, 1e-12), `A2 ${r.statistic}`).toBe(true);
      expect(isClose(r.p_value!, e.pvalue, 1e-6), `p ${r.p_value}`).toBe(true);
    });
  }
  it("rejects a single sample, constant data and empty samples", () => {
    expect(() => andersonDarlingKSample([[1, 2, 3]])).toThrow(RangeError);
    expect(() => andersonDarlingTest([2, 2], [2, 2, 2])).toThrow(/distinct/);
    expect(() => andersonDarlingTest([1, 2], [Number.NaN])).toThrow(/current/);
  });
});

const sample = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 25 });

describe("andersonDarlingTest properties", () => {
  it("is symmetric, p within SciPy's cap [0.001, 0.25], invariant under row order", () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        fc.pre(new Set([...x, ...y]).size > 1);
        const r = andersonDarlingTest(x, y);
        const swapped = andersonDarlingTest(y, x);
        expect(isClose(swapped.statistic, r.statistic, 1e-9, 1e-12)).toBe(true);
        expect(r.p_value).toBeGreaterThanOrEqual(0.001);
        expect(r.p_value).toBeLessThanOrEqual(0.25);
        expect(
          isClose(andersonDarlingTest([...x].reverse(), [...y].reverse()).statistic, r.statistic, 1e-12),
        ).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
