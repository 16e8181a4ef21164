import { describe, expect, it } from "vitest";
import { parseTimestamp } from "./timestamp.js";

describe("parseTimestamp", () => {
  it("reads ISO-8601 with and without offsets as UTC", () => {
    expect(parseTimestamp("2001-02-03T04:05:06Z")).toBe(Date.UTC(2001, 1, 3, 4, 5, 6));
    expect(parseTimestamp("2001-02-03T04:05:06")).toBe(Date.UTC(2001, 1, 3, 4, 5, 6));
    expect(parseTimestamp("2001-02-03 04:05:06.250")).toBe(Date.UTC(2001, 1, 3, 4, 5, 6, 250));
    expect(parseTimestamp("2001-02-03T04:05:06+02:00")).toBe(Date.UTC(2001, 1, 3, 2, 5, 6));
    expect(parseTimestamp("2001-02-03")).toBe(Date.UTC(2001, 1, 3));
  });
  it("reads epoch milliseconds", () => {
    expect(parseTimestamp(981173106000)).toBe(981173106000);
  });
  it("explains what is wrong", () => {
    expect(parseTimestamp(981173106)).toMatch(/epoch seconds/);
    expect(parseTimestamp("yesterday")).toMatch(/ISO-8601/);
    expect(parseTimestamp("2001-13-45T00:00:00Z")).toMatch(/not a valid date/);
    expect(parseTimestamp(Number.POSITIVE_INFINITY)).toMatch(/finite/);
  });
});
