import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import { driftSampleCases, expectation, isError, type TestExpectation } from "./test-fixture.js";
import { welchTTest } from "./welch-t.js";

const cases = driftSampleCases();

describe("welchTTest matches SciPy ttest_ind(equal_var=False)", () => {
  for (const c of cases) {
    const e = expectation<TestExpectation>(c, "welch");
    if (e === undefined || isError(e)) continue;
    it(c.name, () => {
      const r = welchTTest(c.reference, c.current);
      expect(isClose(r.statistic, e.statistic, 1e-9), `t ${r.statistic}`).toBe(true);
      expect(isClose(r.p_value!, e.pvalue, 1e-6), `p ${r.p_value}`).toBe(true);
    });
  }
  it("covers SciPy's NaN answers (constant or single-value samples)", () => {
    const nan = cases.filter((c) => {
      const e = expectation<TestExpectation>(c, "welch");
      return e !== undefined && !isError(e) && Number.isNaN(e.pvalue);
    });
    expect(nan.length).toBeGreaterThan(0);
  });
  it("throws a RangeError naming the empty sample", () => {
    expect(() => welchTTest([1, 2], [])).toThrow(/current/);
  });
});

const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 30 });

describe("welchTTest properties", () => {
  it("is antisymmetric in t, symmetric in p, bounded and invariant under row order", () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const r = welchTTest(x, y);
        const swapped = welchTTest(y, x);
        if (Number.isNaN(r.statistic)) return;
        expect(isClose(swapped.statistic, -r.statistic, 1e-12)).toBe(true);
        expect(isClose(swapped.p_value!, r.p_value!, 1e-9)).toBe(true);
        expect(r.p_value).toBeGreaterThanOrEqual(0);
        expect(r.p_value).toBeLessThanOrEqual(1);
        const shuffled = welchTTest([...x].reverse(), [...y].reverse());
        expect(isClose(shuffled.statistic, r.statistic, 1e-9, 1e-12)).toBe(true);
      }),
    );
  });
});
