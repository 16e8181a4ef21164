import { describe, expect, it } from "vitest";
import { formatDateTime, formatDuration, formatNumber, formatPercent } from "./format.js";

describe("number and time formats", () => {
  it("formats measured numbers with significant digits, separators and p-values in scientific notation", () => {
    expect(formatNumber(0.8951)).toBe("0.895");
    expect(formatNumber(-0.21493)).toBe("-0.215");
    expect(formatNumber(12_345.6)).toBe("12,346");
    expect(formatNumber(4.09e-6)).toBe("4.09e-6");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(null)).toBe("—");
    expect(formatNumber(Number.NaN)).toBe("—");
  });

  it("formats shares as percentages", () => {
    expect(formatPercent(0.0467)).toBe("4.67%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(null)).toBe("—");
  });

  it("formats UTC date-times and durations", () => {
    expect(formatDateTime("2024-01-01T03:04:05.678Z")).toBe("2024-01-01 03:04:05 UTC");
    expect(formatDateTime(null)).toBe("—");
    expect(formatDuration(1_800_000)).toBe("30 min");
    expect(formatDuration(5_400_000)).toBe("1.5 h");
    expect(formatDuration(97_200_000)).toBe("1 d 3 h");
    expect(formatDuration(250)).toBe("250 ms");
    expect(formatDuration(null)).toBe("—");
  });
});
