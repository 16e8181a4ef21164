import { describe, expect, it } from "vitest";
import type { PerformanceProfile } from "../../store/performance-store.js";
import { detectTask, maxClasses, parseTask } from "./detect-task.js";

const profile = (p: Partial<PerformanceProfile>): PerformanceProfile => ({
  predictions: 100,
  labelled: 50,
  nonIntegerValues: 0,
  nonNumericValues: 0,
  scored: 0,
  classes: ["0.0", "1.0"],
  versions: ["v1"],
  ...p,
});

describe("detectTask", () => {
  it("two classes are binary, numeric or not", () => {
    expect(detectTask(profile({}))).toBe("binary");
    expect(detectTask(profile({ classes: ['"no"', '"yes"'], nonNumericValues: 100 }))).toBe("binary");
    expect(detectTask(profile({ classes: ["1.0"] }))).toBe("binary");
  });

  it("more classes are multiclass, up to maxClasses integers", () => {
    expect(detectTask(profile({ classes: ['"a"', '"b"', '"c"'], nonNumericValues: 9 }))).toBe("multiclass");
    const integers = Array.from({ length: maxClasses }, (_, i) => `${i}.0`);
    expect(detectTask(profile({ classes: integers }))).toBe("multiclass");
    expect(detectTask(profile({ classes: [...integers, "99.0"] }))).toBe("regression");
  });

  it("numbers with a fractional part are a regression; strings never are", () => {
    expect(detectTask(profile({ nonIntegerValues: 1, classes: ["0.5", "1.0"] }))).toBe("regression");
    const many = Array.from({ length: 80 }, (_, i) => `"c${i}"`);
    expect(detectTask(profile({ nonNumericValues: 1, classes: many }))).toBe("multiclass");
  });

  it("null without rows", () => {
    expect(detectTask(profile({ predictions: 0, labelled: 0, classes: [] }))).toBeNull();
  });
});

describe("parseTask", () => {
  it("accepts the three tasks and names the field otherwise", () => {
    expect(parseTask("regression")).toBe("regression");
    expect(() => parseTask("ranking")).toThrow(
      expect.objectContaining({ code: "SL_INVALID_QUERY", details: { field: "task" } }),
    );
  });
});
