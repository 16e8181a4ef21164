/**
 * Where a documented JSON example does not match the shape of a real answer: every key of the example must
 * be in the answer, with a value of the same JSON type, recursively; each element of an example array must
 * match some element of the answer's array (when the answer's array is empty there is nothing to compare).
 * An example value `"…"`, or a key `"…"`, stands for anything; `null` in either stands for "may be null".
 * Returns one message per mismatch, naming its path; an empty list when the example fits.
 *
 * @example
 * shapeMismatches({ a: 1, b: [{ c: "x" }] }, { a: 2, b: [{ c: "y", d: 1 }], e: true }); // []
 * shapeMismatches({ a: 1 }, { a: "1" }); // ["$.a: the example has a number, the answer a string"]
 */
export function shapeMismatches(example: unknown, actual: unknown, path = "$"): string[] {
  if (example === "…" || example === null || actual === null) return [];
  const exampleType = jsonType(example);
  const actualType = jsonType(actual);
  if (exampleType !== actualType)
    return [`${path}: the example has ${exampleType}, the answer ${actualType}`];
  if (Array.isArray(example) && Array.isArray(actual)) {
    if (actual.length === 0) return [];
    return example.flatMap((element, index) => {
      const tries = actual.map((candidate) => shapeMismatches(element, candidate, `${path}[${index}]`));
      return tries.some((mismatches) => mismatches.length === 0)
        ? []
        : (tries.reduce((best, t) => (t.length < best.length ? t : best)) ?? []);
    });
  }
  if (exampleType === "an object") {
    const exampleObject = example as Record<string, unknown>;
    const actualObject = actual as Record<string, unknown>;
    return Object.entries(exampleObject).flatMap(([key, value]) => {
      if (key === "…") return [];
      if (!(key in actualObject)) return [`${path}.${key}: in the example, not in the answer`];
      return shapeMismatches(value, actualObject[key], `${path}.${key}`);
    });
  }
  return [];
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
