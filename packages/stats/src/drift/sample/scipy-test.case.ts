import { describe, expect, it } from "vitest";
import { isClose } from "../../internal/close.js";
import type { SampleDriftResult } from "./sample-drift-result.js";
import { driftSampleCases, expectation, isError, type TestExpectation } from "./test-fixture.js";

/** How {@link describeMatchesScipy} calls a two-sample test with one of its p-value methods. */
export interface ScipyTestSuite<M> {
  /** The describe title. */
  title: string;
  /** Fixture key of SciPy's answer, and the method option that reproduces it. */
  methods: [key: string, method: M][];
  run: (reference: number[], current: number[], method: M) => SampleDriftResult;
  /** Absolute p-value tolerance on top of 1e-6 relative (default 0); say why in the caller. */
  pValueAbs?: number;
}

/**
 * For every case of fixtures/drift_sample.json and every method with an expectation: the statistic
 * within 1e-9 relative and the p-value within 1e-6 relative of SciPy's, or a RangeError where SciPy
 * raised.
 *
 * @example
 * describeMatchesScipy({ title: "ks", methods: [["ks_auto", "auto"]],
 *   run: (r, c, method) => kolmogorovSmirnovTest(r, c, { method }) });
 */
export function describeMatchesScipy<M extends string>(suite: ScipyTestSuite<M>): void {
  describe(suite.title, () => {
    for (const c of driftSampleCases()) {
      for (const [key, method] of suite.methods) {
        const e = expectation<TestExpectation>(c, key);
        if (e === undefined) continue;
        it(`${c.name} (${method})`, () => {
          if (isError(e)) {
            expect(() => suite.run(c.reference, c.current, method)).toThrow(RangeError);
            return;
          }
          const r = suite.run(c.reference, c.current, method);
          expect(isClose(r.statistic, e.statistic, 1e-9), `statistic ${r.statistic}`).toBe(true);
          expect(isClose(r.p_value!, e.pvalue, 1e-6, suite.pValueAbs ?? 0), `p ${r.p_value}`).toBe(true);
        });
      }
    }
  });
}
