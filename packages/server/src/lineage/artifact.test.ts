import { describe, expect, it } from "vitest";
import {
  inferArtifactKind,
  isSameArtifact,
  modelVersionArtifact,
  parseModelVersionArtifact,
} from "./artifact.js";

describe("artifact kinds", () => {
  it.each([
    ["models:/flight-delay/3", "model"],
    ["https://api.example.com/predict", "endpoint"],
    ["HTTP://host/x", "endpoint"],
    ["s3://bucket/raw/2024-01-01.parquet", "data"],
    ["gs://bucket/features", "data"],
    ["file:///tmp/x", "data"],
    ["data/clean.csv", "data"],
    ["clean.parquet", "data"],
    ["warehouse.flights", "data"],
    ["db.schema.table", "data"],
    ["model.pkl", "model"],
    ["out/model.onnx", "model"],
    ["something", "other"],
  ])("%s is %s", (name, kind) => {
    expect(inferArtifactKind(name)).toBe(kind);
  });

  it("round-trips model version artifact names and refuses others", () => {
    expect(parseModelVersionArtifact(modelVersionArtifact("m", "v1"))).toEqual({ model: "m", version: "v1" });
    for (const name of ["models:/m", "models:/m/", "models://v", "models:/m/v/x", "s3://m/v"]) {
      expect(parseModelVersionArtifact(name)).toBeUndefined();
    }
  });

  it("treats an input as the run's own output unless content hashes tell them apart", () => {
    const a = (name: string, hash: string | null) => ({ name, hash, kind: "data" as const });
    expect(isSameArtifact(a("x", null), a("x", null))).toBe(true);
    expect(isSameArtifact(a("x", "h1"), a("x", null))).toBe(true);
    expect(isSameArtifact(a("x", "h1"), a("x", "h1"))).toBe(true);
    expect(isSameArtifact(a("x", "h1"), a("x", "h2"))).toBe(false);
    expect(isSameArtifact(a("x", null), a("y", null))).toBe(false);
  });
});
