import { readFileSync } from "node:fs";

/** Loads a committed fixture, turning the "NaN"/"Infinity" strings of _common.py back into numbers. */
export function loadFixture<T>(name: string): T[] {
  const text = readFileSync(new URL(`../../fixtures/${name}.json`, import.meta.url), "utf8");
  return JSON.parse(text, (_key, value) => {
    if (value === "NaN") return Number.NaN;
    if (value === "Infinity") return Number.POSITIVE_INFINITY;
    if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
    return value;
  }) as T[];
}
