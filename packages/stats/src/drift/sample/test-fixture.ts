import { loadFixture } from "../../internal/fixture.js";

/** SciPy's answer for one method, or the name of the error it raised. */
export type Expected<T> = T | { error: string };

export interface TestExpectation {
  statistic: number;
  pvalue: number;
}

/** One case of fixtures/drift_sample.json (see drift_sample.py). */
export interface DriftSampleCase {
  name: string;
  reference: number[];
  current: number[];
  expected: Record<string, Expected<TestExpectation> | Expected<number> | undefined> & {
    weights?: { reference: number[]; current: number[] };
  };
}

/** Loads the shared SciPy fixture of the raw-sample drift methods. */
export function driftSampleCases(): DriftSampleCase[] {
  return loadFixture<DriftSampleCase>("drift_sample");
}

/** Narrows an expectation: undefined when the fixture has no entry for this method. */
export function expectation<T>(c: DriftSampleCase, key: string): Expected<T> | undefined {
  return c.expected[key] as Expected<T> | undefined;
}

export function isError<T>(e: Expected<T>): e is { error: string } {
  return typeof e === "object" && e !== null && "error" in e;
}
