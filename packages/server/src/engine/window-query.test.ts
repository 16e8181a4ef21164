import { describe, expect, it } from "vitest";
import { SightlineError } from "../errors.js";
import { parseTimestamp, windowBounds, windowScope } from "./window-query.js";

const DAY = 86_400_000;

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof SightlineError) return (error.details as { field: string }).field;
    throw error;
  }
  return undefined;
}

describe("window query parameters", () => {
  it("defaults to the 7 days before the newest prediction in daily windows aligned to UTC midnight", () => {
    const newest = Date.UTC(2024, 2, 10, 15);
    const scope = windowScope("m", {}, newest);
    expect(scope).toMatchObject({ toMs: newest + 1, fromMs: newest + 1 - 7 * DAY, sizeMs: DAY, originMs: 0 });
    expect(windowBounds(scope, Date.UTC(2024, 2, 3))).toEqual({
      fromMs: newest + 1 - 7 * DAY,
      toMs: Date.UTC(2024, 2, 4),
    });
  });

  it("takes ISO or epoch ms, a window size, a version, a segment, and one cumulative window", () => {
    const scope = windowScope(
      "m",
      {
        from: "2024-01-01T00:00:00Z",
        to: String(Date.UTC(2024, 0, 3)),
        window: "1h",
        segment: "region:eu:west",
        cumulative: "true",
      },
      null,
      "v2",
    );
    expect(scope).toMatchObject({
      fromMs: Date.UTC(2024, 0, 1),
      toMs: Date.UTC(2024, 0, 3),
      sizeMs: 2 * DAY,
      originMs: Date.UTC(2024, 0, 1),
      version: "v2",
      segment: { tag: "region", value: "eu:west" },
      cumulative: true,
    });
    expect(parseTimestamp("2024-03-01", "from")).toBe(Date.UTC(2024, 2, 1));
  });

  it("names the field of every bad parameter", () => {
    expect(fieldOf(() => windowScope("m", { window: "0d" }, 0))).toBe("window");
    expect(fieldOf(() => windowScope("m", { from: "2024-13-45T00:00:00Z" }, 0))).toBe("from");
    expect(fieldOf(() => windowScope("m", { to: "noon" }, 0))).toBe("to");
    expect(fieldOf(() => windowScope("m", { from: "2024-01-02", to: "2024-01-01" }, 0))).toBe("to");
    expect(fieldOf(() => windowScope("m", { segment: ":x" }, 0))).toBe("segment");
    expect(fieldOf(() => windowScope("m", { cumulative: "yes" }, 0))).toBe("cumulative");
    expect(fieldOf(() => windowScope("m", { from: "2000-01-01", to: "2024-01-01", window: "1m" }, 0))).toBe(
      "window",
    );
  });
});
