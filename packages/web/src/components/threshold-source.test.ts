import { describe, expect, it } from "vitest";
import { thresholdSourceOf, thresholdSourceText } from "./threshold-source.js";

describe("thresholdSourceOf", () => {
  it("names each engine threshold source and nothing else", () => {
    for (const [source, text] of Object.entries(thresholdSourceText)) {
      expect(thresholdSourceOf({ threshold_source: source })).toBe(text);
    }
    expect(thresholdSourceOf({})).toBeNull();
    expect(thresholdSourceOf({ threshold_source: "toString" })).toBeNull();
    expect(thresholdSourceOf({ threshold_source: 3 })).toBeNull();
  });
});
