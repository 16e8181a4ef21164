/** The family-wise (Bonferroni, Holm) and false-discovery-rate (Benjamini–Hochberg) corrections. */
export type MultipleTestingMethod = "bonferroni" | "holm" | "bh";

/** Adjusted p-values of one family of tests, in the order of the input. */
export interface AdjustedPValues {
  method: MultipleTestingMethod;
  /** Adjusted p-values, same order and length as the input; NaN where the input was NaN. */
  adjusted: number[];
  /** Size of the family: the number of p-values that were not NaN. */
  n_tests: number;
  /** Which hypotheses are rejected at level alpha: adjusted p <= alpha (never for a NaN p-value). */
  reject(alpha: number): boolean[];
}

// NaN rule: a NaN p-value is a test that could not be run (e.g. an empty window). It is excluded from
// the family (it does not increase m) and its adjusted value is NaN, so it can never be rejected.
// Any other value outside [0, 1] is an error in the caller, not a test result.
function finiteIndices(pValues: ArrayLike<number>): number[] {
  const indices: number[] = [];
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i] as number;
    if (Number.isNaN(p)) continue;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value at index ${i} is outside [0, 1]: ${p}`);
    indices.push(i);
  }
  return indices;
}

// Indices of the family sorted by ascending p-value; ties keep input order (the adjusted values of
// tied p-values come out equal in all three methods, so the tie order does not matter).
function sortedFamily(pValues: ArrayLike<number>): number[] {
  return finiteIndices(pValues).sort((a, b) => (pValues[a] as number) - (pValues[b] as number) || a - b);
}

function nanArray(length: number): number[] {
  return new Array<number>(length).fill(Number.NaN);
}

/**
 * Bonferroni: p_adj = min(1, m·p). Controls the family-wise error rate under any dependence.
 *
 * @example
 * bonferroni([0.01, 0.04, 0.5]); // [0.03, 0.12, 1]
 */
export function bonferroni(pValues: ArrayLike<number>): number[] {
  const family = finiteIndices(pValues);
  const m = family.length;
  const out = nanArray(pValues.length);
  for (const i of family) out[i] = Math.min(1, m * (pValues[i] as number));
  return out;
}

/**
 * Holm's step-down (Holm 1979): with p sorted ascending, p_adj(i) = max_{j<=i} min(1, (m-j+1)·p(j)).
 * Uniformly more powerful than Bonferroni, same family-wise guarantee.
 *
 * @example
 * holm([0.01, 0.04, 0.03]); // [0.03, 0.06, 0.06]
 */
export function holm(pValues: ArrayLike<number>): number[] {
  const order = sortedFamily(pValues);
  const m = order.length;
  const out = nanArray(pValues.length);
  let running = 0;
  for (let rank = 0; rank < m; rank++) {
    const i = order[rank] as number;
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[i] as number)));
    out[i] = running;
  }
  return out;
}

/**
 * Benjamini–Hochberg step-up (1995): with p sorted ascending, p_adj(i) = min_{j>=i} min(1, m·p(j)/j).
 * Controls the false discovery rate for independent or positively dependent tests (as statsmodels'
 * multipletests(method="fdr_bh"): scale the sorted p by m/rank, take the running minimum from the
 * largest down, clip at 1, and put the values back in input order).
 *
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03]); // [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(pValues: ArrayLike<number>): number[] {
  const order = sortedFamily(pValues);
  const m = order.length;
  const out = nanArray(pValues.length);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const i = order[rank] as number;
    running = Math.min(running, (m * (pValues[i] as number)) / (rank + 1));
    out[i] = running;
  }
  return out;
}

/**
 * Adjusts one family of p-values (e.g. one drift test per feature of a model for one window) and
 * gives a `reject(alpha)` that says which to alarm on.
 *
 * @example
 * const result = adjustPValues([0.001, 0.02, 0.2, Number.NaN], "holm");
 * result.n_tests; // 3 (the NaN is excluded)
 * result.reject(0.05); // [true, true, false, false]
 */
export function adjustPValues(pValues: ArrayLike<number>, method: MultipleTestingMethod): AdjustedPValues {
  const adjusted =
    method === "bonferroni"
      ? bonferroni(pValues)
      : method === "holm"
        ? holm(pValues)
        : benjaminiHochberg(pValues);
  const nTests = adjusted.reduce((count, p) => (Number.isNaN(p) ? count : count + 1), 0);
  return {
    method,
    adjusted,
    n_tests: nTests,
    reject(alpha: number): boolean[] {
      if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
      return adjusted.map((p) => p <= alpha);
    },
  };
}
