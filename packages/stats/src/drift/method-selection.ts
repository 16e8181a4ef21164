/**
 * Every drift method name the engine and the CLI accept (`sightline drift --method <name>`).
 * Raw-sample methods (src/drift/sample/) first, then the count/binned ones (src/drift/binned/).
 */
export const DRIFT_METHODS = [
  "ks",
  "cramer-von-mises",
  "anderson-darling",
  "mann-whitney",
  "welch-t",
  "wasserstein",
  "energy",
  "mmd",
  "chi-square",
  "g-test",
  "two-proportion-z",
  "fisher-exact",
  "psi",
  "kl-divergence",
  "jensen-shannon",
  "hellinger",
  "total-variation",
  "binned-ks",
  "binned-wasserstein",
] as const;

/** A drift method name. */
export type DriftMethod = (typeof DRIFT_METHODS)[number];

/**
 * Whether `name` is a known drift method, for validating `--method`.
 *
 * @example
 * isDriftMethod("psi"); // true
 */
export function isDriftMethod(name: string): name is DriftMethod {
  return (DRIFT_METHODS as readonly string[]).includes(name);
}

/** What {@link selectMethod} needs to know about a feature. */
export interface MethodSelectionInput {
  type: "numeric" | "categorical" | "boolean";
  referenceSize: number;
  currentSize: number;
  /** Distinct non-missing values in the reference. */
  uniqueCount: number;
  /** Only histograms/counts are available (no raw rows): numeric methods become binned. */
  summariesOnly?: boolean;
}

/** The chosen method and why, in a sentence fit for a report. */
export interface MethodSelection {
  method: DriftMethod;
  reason: string;
  /** For high-cardinality categoricals: compare the top-k reference categories plus "other". */
  topK?: number;
}

/** Below this many rows (the smaller window) tests keep useful p-values; above, distances. */
export const SMALL_SAMPLE_LIMIT = 1000;
/** Numeric features with at most this many distinct values are treated as categorical. */
export const LOW_CARDINALITY_LIMIT = 5;
/** Categoricals with more distinct values are compared on the top-k plus "other". */
export const HIGH_CARDINALITY_LIMIT = 50;
/** Below this many rows a binary feature gets Fisher's exact test instead of the Z approximation. */
export const EXACT_TEST_LIMIT = 30;

/**
 * Default drift method for a feature, following Evidently's defaults (numeric: KS up to 1,000
 * rows, normed Wasserstein above; categorical: chi-square up to 1,000, Jensen–Shannon above;
 * binary: Z-test up to 1,000), because p-values collapse at large n: with 1e5 rows a KS or
 * chi-square test flags shifts far too small to matter, so big windows use a distance with a
 * threshold that means something in effect size (Wasserstein divided by the reference standard
 * deviation, threshold ~0.1; JS distance in [0, 1], threshold ~0.1). The size that counts is the
 * smaller window, since it bounds a test's power (n m / (n + m) <= min(n, m)).
 * - boolean: Fisher's exact below 30 rows (the normal approximation is poor), two-proportion Z up to
 *   1,000, Jensen–Shannon above;
 * - categorical, or numeric with <= 5 distinct values: chi-square up to 1,000, JS above; over 50
 *   categories, JS on the top-20 reference categories plus "other" (chi-square on many sparse
 *   cells is unreliable and its p-value as brittle);
 * - numeric: KS up to 1,000, Wasserstein (normed by the reference sd) above; `binned-ks` /
 *   `binned-wasserstein` when only histograms are available.
 *
 * @example
 * selectMethod({ type: "numeric", referenceSize: 50_000, currentSize: 8_000, uniqueCount: 9_000 });
 * // { method: "wasserstein", reason: "numeric, 8000 rows in the smaller window (> 1000): ..." }
 */
export function selectMethod(input: MethodSelectionInput): MethodSelection {
  const { type, referenceSize, currentSize, uniqueCount } = input;
  for (const [name, v] of [
    ["referenceSize", referenceSize],
    ["currentSize", currentSize],
    ["uniqueCount", uniqueCount],
  ] as const) {
    if (!(Number.isFinite(v) && v >= 0))
      throw new RangeError(`${name} must be a non-negative number, got ${v}`);
  }
  const n = Math.min(referenceSize, currentSize);
  const small = n <= SMALL_SAMPLE_LIMIT;
  const size = `${n} rows in the smaller window (${small ? "<=" : ">"} ${SMALL_SAMPLE_LIMIT})`;
  const large = "p-values collapse at large n, so a distance with an effect-size threshold is used";

  if (type === "boolean" || uniqueCount <= 2) {
    if (n < EXACT_TEST_LIMIT) {
      return { method: "fisher-exact", reason: `binary, ${n} rows (< ${EXACT_TEST_LIMIT}): exact test` };
    }
    if (small) return { method: "two-proportion-z", reason: `binary, ${size}: pooled two-proportion Z-test` };
    return { method: "jensen-shannon", reason: `binary, ${size}: ${large}` };
  }
  if (type === "categorical" || uniqueCount <= LOW_CARDINALITY_LIMIT) {
    const kind = type === "categorical" ? "categorical" : `numeric with ${uniqueCount} distinct values`;
    if (uniqueCount > HIGH_CARDINALITY_LIMIT) {
      return {
        method: "jensen-shannon",
        reason: `${kind}, ${uniqueCount} categories (> ${HIGH_CARDINALITY_LIMIT}): Jensen–Shannon on the top 20 reference categories plus "other"`,
        topK: 20,
      };
    }
    if (small) return { method: "chi-square", reason: `${kind}, ${size}: chi-square goodness of fit` };
    return { method: "jensen-shannon", reason: `${kind}, ${size}: ${large}` };
  }
  if (input.summariesOnly === true) {
    if (small) return { method: "binned-ks", reason: `numeric from histograms, ${size}: binned KS` };
    return {
      method: "binned-wasserstein",
      reason: `numeric from histograms, ${size}: ${large} (Wasserstein normed by the reference sd)`,
    };
  }
  if (small) return { method: "ks", reason: `numeric, ${size}: two-sample Kolmogorov–Smirnov` };
  return {
    method: "wasserstein",
    reason: `numeric, ${size}: ${large} (Wasserstein normed by the reference sd)`,
  };
}
