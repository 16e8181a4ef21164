import { describe, expect, it } from "vitest";
import { rangeQuery, resolveTimeRange } from "./time-range.js";

const DAY = 86_400_000;
const extent = { firstMs: Date.UTC(2024, 2, 1, 5), lastMs: Date.UTC(2024, 2, 10, 13) };

describe("resolveTimeRange", () => {
  it("ends presets at the window boundary after the newest prediction", () => {
    const range = resolveTimeRange(new URLSearchParams("range=7d"), extent);
    expect(range).toEqual({
      preset: "7d",
      window: "1d",
      fromMs: Date.UTC(2024, 2, 4),
      toMs: Date.UTC(2024, 2, 11),
    });
  });

  it("defaults to 7 days of daily windows, and hourly windows for 24h", () => {
    expect(resolveTimeRange(new URLSearchParams(""), extent)?.preset).toBe("7d");
    const day = resolveTimeRange(new URLSearchParams("range=24h"), extent);
    expect(day?.window).toBe("1h");
    expect(day && day.toMs - day.fromMs).toBe(DAY);
    expect(day?.toMs).toBe(Date.UTC(2024, 2, 10, 14));
  });

  it("starts `all` at the window holding the first prediction", () => {
    const range = resolveTimeRange(new URLSearchParams("range=all&window=1d"), extent);
    expect(range?.fromMs).toBe(Date.UTC(2024, 2, 1));
  });

  it("takes a custom from/to over a preset, and ignores a bad one", () => {
    const custom = resolveTimeRange(
      new URLSearchParams("range=30d&from=2024-03-02T00:00:00.000Z&to=2024-03-03T00:00:00.000Z"),
      extent,
    );
    expect(custom).toEqual({
      preset: "custom",
      window: "1d",
      fromMs: Date.UTC(2024, 2, 2),
      toMs: Date.UTC(2024, 2, 3),
    });
    expect(resolveTimeRange(new URLSearchParams("from=2024-03-05&to=2024-03-01"), extent)?.preset).toBe("7d");
    expect(resolveTimeRange(new URLSearchParams("window=3d"), extent)?.window).toBe("1d");
  });

  it("is null for a model without predictions", () => {
    expect(resolveTimeRange(new URLSearchParams(""), { firstMs: null, lastMs: null })).toBeNull();
  });
});

describe("rangeQuery", () => {
  it("writes the API parameters with the filters that are set", () => {
    const query = new URLSearchParams(
      rangeQuery({ preset: "7d", window: "1d", fromMs: 0, toMs: DAY }, { version: "v1", segment: "" }),
    );
    expect(Object.fromEntries(query)).toEqual({
      from: "1970-01-01T00:00:00.000Z",
      to: "1970-01-02T00:00:00.000Z",
      window: "1d",
      version: "v1",
    });
  });
});
