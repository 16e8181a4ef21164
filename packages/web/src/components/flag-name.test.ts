import { describe, expect, it } from "vitest";
import { flagName, flagTarget } from "./flag-name.js";

describe("flag names and targets", () => {
  it("names a prediction with its model and an artifact by its name", () => {
    expect(flagName({ model: "flight-delay", prediction: "p-3" })).toBe("prediction p-3 of flight-delay");
    expect(flagName({ artifact: "s3://lake/test.parquet" })).toBe("artifact s3://lake/test.parquet");
  });

  it("keeps only the fields the flags API takes", () => {
    const flagged = { model: "m", prediction: "p-3", flagged_time: "2026-01-01T00:00:00.000Z" };
    expect(flagTarget(flagged)).toEqual({ model: "m", prediction: "p-3" });
    const artifact = { artifact: "a", flagged_time: "2026-01-01T00:00:00.000Z" };
    expect(flagTarget(artifact)).toEqual({ artifact: "a" });
  });
});
