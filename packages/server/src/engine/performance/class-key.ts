const positiveNames = new Set(["1", "true", "yes", "positive", "pos"]);

/**
 * The value of a canonical class key as the store writes it (numbers and booleans as DOUBLE text such as
 * `1.0`, strings as JSON text such as `"cat"`), for answers.
 *
 * @example
 * classValue("1.0"); // 1
 * classValue('"cat"'); // "cat"
 */
export function classValue(key: string): number | string {
  if (key.startsWith('"')) return JSON.parse(key) as string;
  const value = Number(key);
  return Number.isNaN(value) ? key : value;
}

/**
 * The positive class of a binary task, by the rule ingestion uses for the headline score: the class named
 * 1/true/yes/positive/pos, else the greater of the two in sorted order (numbers numerically), as
 * scikit-learn orders classes.
 *
 * @example
 * positiveClass(["0.0", "1.0"]); // "1.0"
 * positiveClass(['"no"', '"yes"']); // '"yes"'
 */
export function positiveClass(keys: readonly string[]): string | undefined {
  const named = keys.find((k) => positiveNames.has(String(classValue(k)).toLowerCase()));
  if (named !== undefined) return named;
  const sorted = [...keys].sort((a, b) => {
    const x = classValue(a);
    const y = classValue(b);
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
  });
  return sorted[sorted.length - 1];
}
