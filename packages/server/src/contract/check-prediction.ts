import { type ColumnContract, type Contract, isReservedColumn, type Violation } from "./contract.js";

type Scalar = number | string | boolean | null;

const nonFiniteStrings = new Set(["NaN", "Infinity", "-Infinity"]);

// Probabilities are usually float32 softmax outputs: allow rounding before calling them unnormalised.
const scoreSumTolerance = 1e-3;

function checkValue(
  field: string,
  value: Scalar | undefined,
  column: ColumnContract,
  out: Violation[],
): void {
  if (value === undefined || value === null) {
    if (column.missingRate === 0) out.push({ field, kind: "missing_feature" });
    return;
  }
  switch (column.type) {
    case "numeric":
      if (typeof value === "string" && nonFiniteStrings.has(value)) out.push({ field, kind: "non_finite" });
      else if (typeof value !== "number") out.push({ field, kind: "wrong_type" });
      else if (!Number.isFinite(value)) out.push({ field, kind: "non_finite" });
      else if ((column.min !== null && value < column.min) || (column.max !== null && value > column.max)) {
        out.push({ field, kind: "out_of_range" });
      }
      return;
    case "boolean":
      if (typeof value !== "boolean") out.push({ field, kind: "wrong_type" });
      return;
    case "categorical":
      if (typeof value !== "string") out.push({ field, kind: "wrong_type" });
      else if (column.categories !== null && !column.categories.includes(value)) {
        out.push({ field, kind: "unseen_category" });
      }
      return;
  }
}

/** Index of a contract's columns by name, built once per contract rather than per record. */
export interface ContractIndex {
  contract: Contract;
  features: Map<string, ColumnContract>;
  categories: Map<string, Set<string>>;
}

export function indexContract(stored: Contract): ContractIndex {
  // Contracts learned before the reserved columns existed may list `score` or `timestamp` as features.
  const contract = { ...stored, features: stored.features.filter((c) => !isReservedColumn(c.name)) };
  const features = new Map(contract.features.map((c) => [c.name, c]));
  const categories = new Map<string, Set<string>>();
  for (const c of contract.features) if (c.categories) categories.set(c.name, new Set(c.categories));
  return { contract, features, categories };
}

/**
 * Checks one prediction against its version's contract (when there is one) and its scores against the
 * rules of probabilities (always). Returns every violation; the caller keeps the record either way.
 *
 * @example
 * checkPrediction({ age: -1 }, 1, undefined, index); // [{ field: "features.age", kind: "out_of_range" }]
 */
export function checkPrediction(
  features: Readonly<Record<string, Scalar>>,
  prediction: Scalar | undefined,
  scores: Readonly<Record<string, number>> | undefined,
  index: ContractIndex | undefined,
): Violation[] {
  const out: Violation[] = [];
  if (index) {
    for (const column of index.contract.features) {
      const value = features[column.name];
      const field = `features.${column.name}`;
      const set = index.categories.get(column.name);
      if (set && typeof value === "string") {
        if (!set.has(value)) out.push({ field, kind: "unseen_category" });
        continue;
      }
      checkValue(field, value, column, out);
    }
    for (const name in features) {
      if (!index.features.has(name)) out.push({ field: `features.${name}`, kind: "unknown_feature" });
    }
    const p = index.contract.prediction;
    if (p && prediction !== undefined && prediction !== null) {
      const ok =
        p.type === "numeric"
          ? typeof prediction === "number"
          : p.type === "boolean"
            ? typeof prediction === "boolean"
            : typeof prediction === "string" ||
              typeof prediction === "number" ||
              typeof prediction === "boolean";
      if (!ok) out.push({ field: "prediction", kind: "wrong_type" });
    }
  }
  if (scores) {
    let sum = 0;
    let count = 0;
    for (const key in scores) {
      const s = scores[key] as number;
      if (!(s >= 0 && s <= 1)) out.push({ field: `scores.${key}`, kind: "score_out_of_range" });
      sum += s;
      count++;
    }
    if (count >= 2 && !(Math.abs(sum - 1) <= scoreSumTolerance))
      out.push({ field: "scores", kind: "scores_not_normalised" });
  }
  return out;
}
