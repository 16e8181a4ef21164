import { describe, expect, it } from "vitest";
import { formatNumber, formatPercent, formatUtc, renderTable } from "./render-table.js";

describe("renderTable", () => {
  it("pads every column to its widest cell and trims line ends", () => {
    expect(renderTable([["A", "LONG HEADER"], ["wide cell", "x"], ["b"]])).toBe(
      ["A          LONG HEADER", "wide cell  x", "b"].join("\n"),
    );
  });
});

describe("formatNumber, formatPercent, formatUtc", () => {
  it("formats numbers to 4 significant digits and unknowns as -", () => {
    expect(formatNumber(0.123456)).toBe("0.1235");
    expect(formatNumber(1234.5678)).toBe("1235");
    expect(formatNumber(12345)).toBe("12345");
    expect(formatNumber(2.5e-7)).toBe("2.5e-7");
    expect([null, undefined, Number.NaN, Number.POSITIVE_INFINITY].map((x) => formatNumber(x))).toEqual([
      "-",
      "-",
      "-",
      "-",
    ]);
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(null)).toBe("-");
  });

  it("prints times in UTC to the minute, with seconds only when there are some", () => {
    expect(formatUtc("2024-06-01T00:00:00.000Z")).toBe("2024-06-01 00:00Z");
    expect(formatUtc("2024-06-01T02:30:00+02:00")).toBe("2024-06-01 00:30Z");
    expect(formatUtc(Date.UTC(2024, 5, 1, 0, 0, 7))).toBe("2024-06-01 00:00:07Z");
    expect(formatUtc(null)).toBe("-");
    expect(formatUtc("not a time")).toBe("not a time");
  });
});
