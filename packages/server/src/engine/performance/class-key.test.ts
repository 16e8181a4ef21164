import { describe, expect, it } from "vitest";
import { classValue, positiveClass } from "./class-key.js";

describe("classValue", () => {
  it("reads DOUBLE text as numbers and JSON strings as strings", () => {
    expect(classValue("1.0")).toBe(1);
    expect(classValue("-2.5")).toBe(-2.5);
    expect(classValue('"cat"')).toBe("cat");
    expect(classValue('"1"')).toBe("1");
  });
});

describe("positiveClass", () => {
  it("prefers a class named like the positive one, as the ingest headline score does", () => {
    expect(positiveClass(["0.0", "1.0"])).toBe("1.0");
    expect(positiveClass(['"yes"', '"no"'])).toBe('"yes"');
    expect(positiveClass(['"Positive"', '"zzz"'])).toBe('"Positive"');
  });

  it("else takes the greater class (numbers numerically), as scikit-learn's sorted classes", () => {
    expect(positiveClass(["10.0", "9.0"])).toBe("10.0");
    expect(positiveClass(['"ham"', '"spam"'])).toBe('"spam"');
    expect(positiveClass([])).toBeUndefined();
  });
});
